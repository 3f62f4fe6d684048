/** N spans as OTLP ResourceSpans (one resource, one scope), ~10 attributes each. */
export function resourceSpans(n: number, attributes = 10, offset = 0): Record<string, unknown>[] {
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: Buffer.alloc(16, (i + offset) % 251),
    spanId: Buffer.alloc(8, (i + offset) % 241),
    name: `span-${i + offset}`,
    kind: 2,
    startTimeUnixNano: 1_700_000_000_000_000_000 + i,
    endTimeUnixNano: 1_700_000_000_000_500_000 + i,
    attributes: Array.from({ length: attributes }, (_, a) => ({
      key: `attr.${a}`,
      value: a % 2 ? { intValue: i * a } : { stringValue: `value-${a}-${i}` },
    })),
    status: { code: 1 },
  }));
  return [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'test' } }] },
      scopeSpans: [{ scope: { name: 'test', version: '1' }, spans }],
    },
  ];
}

/** Resolves once `predicate` holds, polling every 10 ms; rejects after `ms` (a bounded wait). */
export async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
