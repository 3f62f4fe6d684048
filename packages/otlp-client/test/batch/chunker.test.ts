import { concatChunks, countItems, toChunks } from '../../src/batch/chunker';
import { SignalQueue } from '../../src/batch/signal-queue';
import { signalSpecs } from '../../src/proto/signals';
import { resourceSpans } from '../support/spans';

describe('chunks', () => {
  it('split a large resource into chunks of at most maxItems that keep resource and scope', () => {
    const chunks = toChunks('traces', resourceSpans(250), 100);
    expect(chunks.map((c) => c.items)).toEqual([100, 100, 50]);
    const merged = signalSpecs.traces.request.decode(concatChunks(chunks)) as any;
    expect(merged.resourceSpans).toHaveLength(3);
    expect(merged.resourceSpans.flatMap((r: any) => r.scopeSpans[0].spans.map((s: any) => s.name))).toEqual(
      Array.from({ length: 250 }, (_, i) => `span-${i}`),
    );
    expect(
      merged.resourceSpans.every(
        (r: any) =>
          r.resource.attributes[0].value.stringValue === 'test' && r.scopeSpans[0].scope.name === 'test',
      ),
    ).toBe(true);
  });

  it('count metric data points as items', () => {
    const rm = {
      scopeMetrics: [
        {
          metrics: [
            { name: 'a', gauge: { dataPoints: [{ asDouble: 1 }, { asDouble: 2 }] } },
            { name: 'b', sum: { dataPoints: [{ asInt: 3 }] } },
          ],
        },
      ],
    };
    expect(countItems('metrics', rm)).toBe(3);
    expect(toChunks('metrics', [rm], 2).map((c) => c.items)).toEqual([2, 1]);
  });
});

describe('SignalQueue', () => {
  it('is bounded in items and bytes, and takes batches bounded in both', () => {
    const chunks = toChunks('traces', resourceSpans(100), 10);
    const bytes = chunks[0].bytes.length;
    const q = new SignalQueue(60, bytes * 100, 'drop-newest');
    expect(q.push(chunks).dropped).toBe(40);
    expect(q.items).toBe(60);
    expect(q.take(25, 1e9).reduce((n, c) => n + c.items, 0)).toBe(20);
    expect(q.take(1000, chunks[2].bytes.length + chunks[3].bytes.length).length).toBe(2);
    const lastThree = chunks[2].bytes.length + chunks[3].bytes.length + chunks[4].bytes.length;
    const byBytes = new SignalQueue(1000, lastThree, 'drop-oldest');
    byBytes.push(chunks.slice(0, 5));
    expect([byBytes.length, byBytes.items]).toEqual([3, 30]);
  });

  it('holds no reference to a chunk once it is taken (a chunk can be a view of a whole received request)', () => {
    const chunks = toChunks('traces', resourceSpans(50), 10);
    const q = new SignalQueue(1000, 1e9, 'drop-newest');
    q.push(chunks);
    const taken = q.take(20, 1e9);
    const held = (q as unknown as { chunks: unknown[] }).chunks;
    expect(taken).toHaveLength(2);
    for (const c of taken) expect(held).not.toContain(c);
    q.take(1000, 1e9);
    expect((q as unknown as { chunks: unknown[] }).chunks).toEqual([]);
  });
});
