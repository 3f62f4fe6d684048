import { QueueWatermark } from '../../../src/agent/health/queue-watermark';

describe('QueueWatermark', () => {
  it('is high from the high mark until the fill is back below the low mark', () => {
    const w = new QueueWatermark(80, 50);
    const fills = [10, 79, 80, 95, 60, 50, 49, 70, 79];
    expect(fills.map((p) => w.update(p))).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('with a high mark of 0 never reports high', () => {
    const w = new QueueWatermark(0, 0);
    expect([0, 100].map((p) => w.update(p))).toEqual([false, false]);
  });
});
