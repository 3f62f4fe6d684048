import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { httpServerLimits } from '../net/http-server-deadlines.js';

export interface Readiness {
  ready: boolean;
  /** Why not, in words (empty when ready). */
  reasons: string[];
}

export interface HealthServerOptions {
  host: string;
  port: number;
  readiness: () => Readiness;
  /** undefined: /metrics answers 404 (monitoring.metrics_enabled = false). */
  registry?: Registry;
  /** The receivers' header, request and idle deadlines apply here too. */
  limits: { headerTimeoutMs: number; requestTimeoutMs: number; idleTimeoutMs: number };
  /** GET /prestop (the pod's preStop hook): answered once this resolves. */
  preStop: () => Promise<void>;
}

/**
 * /health (liveness: answering at all proves the event loop turns), /ready (readiness: 200 or 503
 * with the reasons), /metrics (Prometheus text format) and /prestop (the preStop hook: answered
 * after lifecycle.pre_stop_delay) on the monitoring port.
 */
export class HealthServer {
  private server?: Server;

  constructor(private readonly options: HealthServerOptions) {}

  async start(): Promise<number> {
    const server = createServer(httpServerLimits(this.options.limits), (req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
      if (path === '/health' || path === '/healthz' || path === '/livez')
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}\n');
      if (path === '/ready' || path === '/readyz') {
        const r = this.options.readiness();
        const body = JSON.stringify({ status: r.ready ? 'ready' : 'not ready', reasons: r.reasons }) + '\n';
        return void res.writeHead(r.ready ? 200 : 503, { 'content-type': 'application/json' }).end(body);
      }
      if (path === '/prestop') {
        this.options.preStop().then(
          () => res.writeHead(200, { 'content-type': 'text/plain' }).end('terminating\n'),
          () => res.writeHead(500).end(),
        );
        return;
      }
      if (path === '/metrics' && this.options.registry) {
        const registry = this.options.registry;
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
        );
        return;
      }
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('not found: /health, /ready, /metrics, /prestop\n');
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}
