import type { SignalTransportConfig } from '../config/exporter-config.js';
import { GrpcTransport } from './grpc.js';
import { HttpTransport } from './http.js';
import type { Transport } from './types.js';

/** One transport per protocol; `createTransport` picks it from the resolved configuration. */
export const transportFactories: Readonly<
  Record<SignalTransportConfig['protocol'], (c: SignalTransportConfig) => Transport>
> = {
  grpc: (c) => new GrpcTransport(c),
  'http/protobuf': (c) => new HttpTransport(c),
};

export function createTransport(config: SignalTransportConfig): Transport {
  return transportFactories[config.protocol](config);
}
