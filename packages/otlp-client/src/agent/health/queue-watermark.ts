/**
 * Readiness by queue fill, with hysteresis: high from the moment the fill reaches `highPercent`
 * until it is back below `lowPercent`. A queue hovering at one mark would otherwise flap the pod
 * in and out of the Service's endpoints with every probe.
 */
export class QueueWatermark {
  private high = false;

  constructor(
    readonly highPercent: number,
    readonly lowPercent: number,
  ) {}

  /** Feeds the current fill (percent); returns whether the queue counts as too full. */
  update(percent: number): boolean {
    if (this.highPercent <= 0) return false;
    if (percent >= this.highPercent) this.high = true;
    else if (percent < this.lowPercent) this.high = false;
    return this.high;
  }
}
