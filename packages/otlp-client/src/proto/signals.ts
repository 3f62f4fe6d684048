import { Root } from 'protobufjs';
import type { Type } from 'protobufjs';
import { otlpDescriptor } from './descriptor.js';

/** The three OTLP signals. */
export type Signal = 'traces' | 'metrics' | 'logs';
export const signalNames: readonly Signal[] = ['traces', 'metrics', 'logs'];

/** Everything a transport needs to know about one signal. */
export interface SignalSpec {
  signal: Signal;
  /** protobufjs types of the Export request and response (reflection, with generated codecs). */
  request: Type;
  response: Type;
  /** gRPC method path, e.g. /opentelemetry.proto.collector.trace.v1.TraceService/Export. */
  grpcPath: string;
  /** OTLP/HTTP path, e.g. /v1/traces. */
  httpPath: string;
  /** The request's repeated resource field (resourceSpans, resourceMetrics, resourceLogs). */
  resourceField: 'resourceSpans' | 'resourceMetrics' | 'resourceLogs';
  /** The partial-success counter field (rejectedSpans, rejectedDataPoints, rejectedLogRecords). */
  rejectedField: 'rejectedSpans' | 'rejectedDataPoints' | 'rejectedLogRecords';
}

export const otlpRoot = Root.fromJSON(otlpDescriptor);

function spec(
  signal: Signal,
  pkg: string,
  name: string,
  resourceField: SignalSpec['resourceField'],
  rejectedField: SignalSpec['rejectedField'],
): SignalSpec {
  const ns = `opentelemetry.proto.collector.${pkg}.v1`;
  return {
    signal,
    request: otlpRoot.lookupType(`${ns}.Export${name}ServiceRequest`),
    response: otlpRoot.lookupType(`${ns}.Export${name}ServiceResponse`),
    grpcPath: `/${ns}.${name}Service/Export`,
    httpPath: `/v1/${signal}`,
    resourceField,
    rejectedField,
  };
}

export const signalSpecs: Readonly<Record<Signal, SignalSpec>> = {
  traces: spec('traces', 'trace', 'Trace', 'resourceSpans', 'rejectedSpans'),
  metrics: spec('metrics', 'metrics', 'Metrics', 'resourceMetrics', 'rejectedDataPoints'),
  logs: spec('logs', 'logs', 'Logs', 'resourceLogs', 'rejectedLogRecords'),
};

export const rpcStatusType = otlpRoot.lookupType('google.rpc.Status');
export const retryInfoType = otlpRoot.lookupType('google.rpc.RetryInfo');
export const retryInfoTypeUrl = 'type.googleapis.com/google.rpc.RetryInfo';
