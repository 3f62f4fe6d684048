import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../../../src/agent/agent';
import { loadAgentConfig } from '../../../src/agent/config/load-config';
import { createLogger } from '../../../src/agent/logging/logger';

/** Log lines the agent wrote, parsed (a pino destination in memory). */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  write(text: string): void {
    this.lines.push(JSON.parse(text) as Record<string, unknown>);
  }
  messages(): string[] {
    return this.lines.map((l) => String(l.msg));
  }
}

/** Writes config.toml text to a fresh temp dir; returns its path. */
export function writeConfig(toml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'otlp-agent-'));
  const file = join(dir, 'config.toml');
  writeFileSync(file, toml);
  return file;
}

/** Ports free right now on 127.0.0.1, all different (each held until all are taken). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: ReturnType<typeof createServer>[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = createServer();
      servers.push(s);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}

/** A port free right now on 127.0.0.1 (for an upstream that starts later). */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/**
 * An in-process agent on 127.0.0.1 with free ports, loaded from real TOML text through the same
 * loader as `otlp-client run`, logging into memory.
 */
export async function startAgent(
  toml: string,
  env: Record<string, string> = {},
): Promise<{ agent: Agent; logs: LogCapture; url: (path: string) => string }> {
  const loaded = loadAgentConfig(writeConfig(toml), env);
  const logs = new LogCapture();
  const logger = createLogger(loaded.config.logging, logs);
  const agent = await Agent.start({
    loaded,
    logger,
    env,
    host: '127.0.0.1',
    ports: { grpc: 0, http: 0, monitoring: 0 },
  });
  return { agent, logs, url: (path) => `http://127.0.0.1:${agent.ports.http}${path}` };
}

/** The value of one sample of the agent's /metrics text, e.g. metric('otlp_circuit_breaker_state'). */
export async function metricValue(
  agent: Agent,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await agent.registry.metrics();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.entries(labels).every(([k, v]) => (m[2] ?? '').includes(`${k}="${v}"`));
    if (has) return Number(m[3]);
  }
  return 0;
}
