import type { Server, ServerOptions } from 'node:http';

/**
 * node:http's own deadlines from the [receivers] table: headers within header_timeout, the whole
 * request within request_timeout (a slow body gets 408 and the connection is closed), idle
 * keep-alive connections closed after idle_timeout. Checked every second, so a deadline is kept to
 * within a second. Shared with the monitoring server.
 */
export function httpServerLimits(limits: {
  headerTimeoutMs: number;
  requestTimeoutMs: number;
  idleTimeoutMs: number;
}): ServerOptions {
  return {
    headersTimeout: limits.headerTimeoutMs,
    requestTimeout: Math.max(limits.requestTimeoutMs, limits.headerTimeoutMs),
    keepAliveTimeout: limits.idleTimeoutMs,
    connectionsCheckingInterval: 1000,
  };
}

/** Closes `server`: idle connections at once, the others when done or after `graceMs`. */
export function closeWithin(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}
