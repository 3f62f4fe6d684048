import type { AgentConfig } from '../config/agent-config.js';
import { GrpcReceiver } from './grpc-receiver.js';
import { HttpReceiver } from './http-receiver.js';
import type { Receiver, ReceiverContext } from './receiver.js';

/** Each OTLP transport the agent can receive, by its [receivers.<name>] table. */
export const receiverFactories: Record<'grpc' | 'http', (ctx: ReceiverContext) => Receiver> = {
  grpc: (ctx) => new GrpcReceiver(ctx),
  http: (ctx) => new HttpReceiver(ctx),
};

/** The receivers enabled in the config, with their ports. */
export function enabledReceivers(config: AgentConfig): { name: 'grpc' | 'http'; port: number }[] {
  return (Object.keys(receiverFactories) as ('grpc' | 'http')[])
    .filter((name) => config.receivers[name].enabled)
    .map((name) => ({ name, port: config.receivers[name].port }));
}
