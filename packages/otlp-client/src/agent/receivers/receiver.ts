import type { AgentLogger } from '../logging/logger.js';
import type { Ingest } from '../ingest/ingest.js';

/** What a receiver needs: where to listen, its limits, and where requests go. */
export interface ReceiverContext {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  limits: ReceiverLimits;
  ingest: Ingest;
  logger: AgentLogger;
}

/** What one client may take of a receiver: bytes, time and connections (the [receivers] table). */
export interface ReceiverLimits {
  maxRequestBytes: number;
  maxDecompressedBytes: number;
  /** Request headers (HTTP) or the HTTP/2 preface (gRPC) must arrive within this. */
  headerTimeoutMs: number;
  /** The whole request (HTTP) or the call's message (gRPC) must arrive within this. */
  requestTimeoutMs: number;
  /** Idle keep-alive (HTTP) or call-less HTTP/2 connections (gRPC) are closed after this. */
  idleTimeoutMs: number;
  maxConnections: number;
  /** gRPC calls at once on one HTTP/2 connection. */
  maxConcurrentStreams: number;
}

/** One OTLP receiver (one transport), found through receivers/registry.ts. */
export interface Receiver {
  readonly transport: 'grpc' | 'http';
  /** Binds and resolves with the port bound. */
  start(): Promise<number>;
  /**
   * Stops accepting at once; requests in progress have `graceMs` to finish, then their
   * connections are closed. Resolves within `graceMs` whatever the clients do.
   */
  stop(graceMs: number): Promise<void>;
}
