// Public API of @otlp-kit/otlp-client. The exporter and agent are being built (issues 3 and 4);
// what exists today is the metric vocabulary the chart's alerts and dashboard are generated from.
export { otlpMetricNames } from './metrics/names.js';
export type { OtlpMetricName } from './metrics/names.js';
