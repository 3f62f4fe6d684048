import type { ServiceDefinition } from '@grpc/grpc-js';
import { signalSpecs } from './signals.js';
import type { Signal } from './signals.js';

const identity = (b: Buffer) => b;

/**
 * The OTLP Export service of a signal as a grpc-js definition that keeps requests and responses
 * as bytes: whoever serves it (the agent's receiver, test and benchmark sinks) decides whether and
 * how to decode.
 */
export function rawExportService(signal: Signal): ServiceDefinition {
  return {
    Export: {
      path: signalSpecs[signal].grpcPath,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  };
}
