import type { AgentLogger } from '../logging/logger.js';
import type { Ingest } from '../ingest/ingest.js';

/** What a receiver needs: where to listen, its limits, and where requests go. */
export interface ReceiverContext {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  limits: { maxRequestBytes: number; maxDecompressedBytes: number };
  ingest: Ingest;
  logger: AgentLogger;
}

/** One OTLP receiver (one transport), found through receivers/registry.ts. */
export interface Receiver {
  readonly transport: 'grpc' | 'http';
  /** Binds and resolves with the port bound. */
  start(): Promise<number>;
  /** Stops accepting; resolves when requests in progress have been answered. */
  stop(): Promise<void>;
}
