import { dirname, join } from 'node:path';
import { Root } from 'protobufjs';
import type { Type } from 'protobufjs';
import type { Signal } from '../../../src/proto/signals';

/**
 * The official opentelemetry-proto definitions (the .proto files shipped by the pinned dev
 * dependency @elastic/mockotlpserver, opentelemetry-proto v1.4.0), parsed by protobufjs: the
 * reference every forwarded request is decoded with, never the project's own descriptor or codec.
 */
const protoDir = dirname(require.resolve('@elastic/mockotlpserver/package.json'));

function load(): Root {
  const root = new Root();
  root.resolvePath = (_origin, target) => join(protoDir, target);
  root.loadSync([
    'opentelemetry/proto/collector/trace/v1/trace_service.proto',
    'opentelemetry/proto/collector/metrics/v1/metrics_service.proto',
    'opentelemetry/proto/collector/logs/v1/logs_service.proto',
  ]);
  root.resolveAll();
  return root;
}

export const officialRoot = load();

const requestNames: Record<Signal, string> = {
  traces: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  metrics: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  logs: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
};

export function officialRequestType(signal: Signal): Type {
  return officialRoot.lookupType(requestNames[signal]);
}
