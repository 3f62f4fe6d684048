import { otlpMetricNames } from '../../src/metrics/names';

describe('otlpMetricNames', () => {
  it('are valid Prometheus metric names with the otlp_ prefix and unit/total suffixes', () => {
    for (const name of Object.values(otlpMetricNames)) expect(name).toMatch(/^otlp_[a-z_]+$/);
    expect(otlpMetricNames.requestsTotal.endsWith('_total')).toBe(true);
    expect(otlpMetricNames.requestsFailedTotal.endsWith('_total')).toBe(true);
    expect(otlpMetricNames.requestDurationSeconds.endsWith('_seconds')).toBe(true);
    expect(new Set(Object.values(otlpMetricNames)).size).toBe(Object.keys(otlpMetricNames).length);
  });
});
