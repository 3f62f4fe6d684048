import { entryBytes } from './deferred-spans.js';
import type { QueueEntry } from './deferred-spans.js';

export type DropPolicy = 'drop-newest' | 'drop-oldest';

/** Items of chunks the queue turned away or evicted. */
export interface Overflow {
  dropped: number;
}

/**
 * A bounded FIFO of chunks (and SDK spans not yet encoded, counted at their estimated size) for
 * one signal, limited in items and in encoded bytes. When full,
 * `drop-newest` refuses what arrives (the caller can push back: 429 / RESOURCE_EXHAUSTED) and
 * `drop-oldest` evicts from the front to make room.
 */
export class SignalQueue {
  private chunks: QueueEntry[] = [];
  private head = 0;
  items = 0;
  bytes = 0;

  constructor(
    readonly maxItems: number,
    readonly maxBytes: number,
    readonly policy: DropPolicy,
  ) {}

  get length(): number {
    return this.chunks.length - this.head;
  }

  /** Whether `items`/`bytes` more would fit without dropping anything. */
  fits(items: number, bytes: number): boolean {
    return this.items + items <= this.maxItems && this.bytes + bytes <= this.maxBytes;
  }

  /** Adds chunks; returns the items dropped to respect the bounds. */
  push(chunks: readonly QueueEntry[]): Overflow {
    let dropped = 0;
    for (const c of chunks) {
      if (c.items > this.maxItems || entryBytes(c) > this.maxBytes) {
        dropped += c.items;
        continue;
      }
      if (this.policy === 'drop-newest') {
        if (!this.fits(c.items, entryBytes(c))) {
          dropped += c.items;
          continue;
        }
      } else {
        while (!this.fits(c.items, entryBytes(c))) dropped += this.shift()!.items;
      }
      this.chunks.push(c);
      this.items += c.items;
      this.bytes += entryBytes(c);
    }
    return { dropped };
  }

  /** Puts chunks back at the front (a batch the breaker kept from being sent), ignoring the bounds: they were admitted already. */
  unshift(chunks: readonly QueueEntry[]): void {
    this.compact();
    this.chunks = [...chunks, ...this.chunks];
    for (const c of chunks) {
      this.items += c.items;
      this.bytes += entryBytes(c);
    }
  }

  /** The entry at the front, left in place. */
  peek(): QueueEntry | undefined {
    return this.length > 0 ? this.chunks[this.head] : undefined;
  }

  /** Takes the entry at the front alone. */
  takeOne(): QueueEntry[] {
    const c = this.shift();
    return c ? [c] : [];
  }

  /** Takes a batch from the front: as many chunks as fit in maxItems and maxBytes (at least one). */
  take(maxItems: number, maxBytes: number): QueueEntry[] {
    const out: QueueEntry[] = [];
    let items = 0;
    let bytes = 0;
    while (this.length > 0) {
      const c = this.chunks[this.head];
      if (out.length > 0 && (items + c.items > maxItems || bytes + entryBytes(c) > maxBytes)) break;
      out.push(this.shift()!);
      items += c.items;
      bytes += entryBytes(c);
    }
    return out;
  }

  /** Removes everything (shutdown past its deadline); returns the items. */
  clear(): number {
    const n = this.items;
    this.chunks = [];
    this.head = 0;
    this.items = 0;
    this.bytes = 0;
    return n;
  }

  private shift(): QueueEntry | undefined {
    if (this.length === 0) return undefined;
    const c = this.chunks[this.head];
    // Release the slot at once: a taken chunk (often a view of a whole received request) must not
    // stay reachable from the queue until the next compaction.
    (this.chunks as (QueueEntry | undefined)[])[this.head++] = undefined;
    this.items -= c.items;
    this.bytes -= entryBytes(c);
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.chunks.length) this.compact();
    return c;
  }

  private compact(): void {
    this.chunks = this.chunks.slice(this.head);
    this.head = 0;
  }
}
