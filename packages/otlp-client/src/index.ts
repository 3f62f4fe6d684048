// Public API of @otlp-kit/otlp-client.
export { otlpMetricNames } from './metrics/names.js';
export type { OtlpMetricName } from './metrics/names.js';
export { otlpDescriptor } from './proto/descriptor.js';
export {
  otlpRoot,
  signalSpecs,
  signalNames,
  rpcStatusType,
  retryInfoType,
  retryInfoTypeUrl,
} from './proto/signals.js';
export type { Signal, SignalSpec } from './proto/signals.js';
