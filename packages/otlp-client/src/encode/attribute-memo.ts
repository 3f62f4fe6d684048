/**
 * Remembers the encoded KeyValue of the last primitive value seen at each position of an
 * attribute list. Telemetry repeats the same pairs in the same order span after span (one
 * instrumentation sets http.request.method=GET, server.address, http.response.status_code=200 ...
 * every time; every resource repeats service.name), so a hit replaces a value switch, two string
 * encodings and two length fixes with one short copy. Slots are compared by key and value
 * identity (no hashing). Positions whose values keep changing (IDs, paths) stop being stored after
 * a run of misses and are only re-probed now and then, so they cost no garbage. Only strings,
 * numbers and booleans are memoised: an array or object value could be mutated behind a copy.
 */
interface MemoSlot {
  key: string;
  value: unknown;
  /** The KeyValue field as written: tag, length, message. */
  bytes: Uint8Array;
  misses: number;
}

/** Consecutive misses after which a position's values are no longer stored. */
const volatileAfter = 16;
/** A volatile position is stored again on every this-many-th miss, to notice values that settled. */
const reprobeEvery = 256;

export class AttributeMemo {
  private readonly slots: (MemoSlot | undefined)[] = [];

  /** @param positions how many leading attributes of a list are remembered. */
  constructor(readonly positions = 64) {}

  /** The stored encoding of `key` = `value` at position `i`, if it is the last one seen there. */
  lookup(i: number, key: string, value: unknown): Uint8Array | undefined {
    const s = this.slots[i];
    if (s !== undefined && s.value === value && s.key === key) {
      s.misses = 0;
      return s.bytes;
    }
    return undefined;
  }

  /** Whether the caller should hand this miss's encoding to `store` (a copy costs garbage). */
  wants(i: number, value: unknown): boolean {
    if (i >= this.positions) return false;
    const t = typeof value;
    if (t !== 'string' && t !== 'number' && t !== 'boolean') return false;
    const s = this.slots[i];
    if (s === undefined) return true;
    s.misses++;
    return s.misses <= volatileAfter || s.misses % reprobeEvery === 0;
  }

  /** Stores a copy of `encoded` (usually a view of a large buffer that must not be kept alive). */
  store(i: number, key: string, value: unknown, encoded: Uint8Array): void {
    // A copy: Buffer#slice would be a view, and the writer moves and reuses what it viewed.
    const bytes = new Uint8Array(encoded);
    const s = this.slots[i];
    if (s === undefined) {
      while (this.slots.length < i) this.slots.push(undefined);
      this.slots[i] = { key, value, bytes, misses: 0 };
    } else {
      s.key = key;
      s.value = value;
      s.bytes = bytes;
    }
  }
}
