// The `otlp-client` executable as the chart and the image run it: a real child process.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OTLPTraceExporter as OfficialProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { GrpcSink } from './support/grpc-sink';
import { until } from './support/spans';
import { freePort, freePorts, writeConfig } from './agent/support/agent-harness';

jest.setTimeout(60_000);

const cli = join(__dirname, '..', 'dist', 'cli.js');
const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
const cleanEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, OTLP_CONFIG_PATH: '' };
  for (const k of Object.keys(env))
    if (k.startsWith('OTEL_') || k === 'LOG_LEVEL' || k === 'RUST_LOG') delete env[k];
  return env;
};
const run = (args: string[], env: NodeJS.ProcessEnv = cleanEnv()) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 20_000 });

/** A running agent process with its stdout (JSON log lines) collected. */
class AgentProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  exit: Promise<number | null>;
  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [cli, ...args], { env });
    this.child.stdout.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.child.stderr.on('data', (d: Buffer) => (this.stdout += d.toString()));
    this.exit = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }
  logs(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
  async ready(): Promise<void> {
    await until(() => this.logs().some((l) => l.msg === 'otlp-client agent ready'), 15_000);
  }
}

function sdkSpans(n: number, prefix: string): ReadableSpan[] {
  const mem = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'load' }),
    spanProcessors: [new SimpleSpanProcessor(mem)],
  });
  const tracer = provider.getTracer('load');
  for (let i = 0; i < n; i++) tracer.startSpan(`${prefix}-${i}`, { attributes: { i } }).end();
  return mem.getFinishedSpans();
}

describe('otlp-client executable', () => {
  it('prints its version and help', () => {
    expect(run(['--version']).stdout.trim()).toBe(pkg.version);
    const help = run(['--help']).stdout;
    for (const command of ['run', 'check-config', 'healthcheck']) expect(help).toContain(command);
  });

  it('check-config prints the effective config, or names the key and line and exits 2', () => {
    const ok = run([
      'check-config',
      writeConfig('[otlp]\nendpoint = "https://c.example:4317"\n[otlp.headers]\nauthorization = "secret"\n'),
    ]);
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout) as {
      config: { otlp: { headers: Record<string, string> } };
      upstream: Record<string, { url: string }>;
    };
    expect(report.upstream.traces.url).toBe('https://c.example:4317/');
    expect(report.config.otlp.headers).toEqual({ authorization: '<redacted>' });
    expect(ok.stdout).not.toContain('secret');
    const bad = run(['check-config', writeConfig('[otlp]\nprotocol = "http/json"\n')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/config\.toml:2: otlp\.protocol: must be one of "grpc", "http\/protobuf"/);
  });

  it('run exits 2 on an invalid config before binding anything, with the reason in a JSON log line', async () => {
    const port = await freePort();
    const file = writeConfig(`[monitoring]\nport = ${port}\n[receivers]\nmax_request_bytes = 12\n`);
    const r = run(['run', '--config', file]);
    expect(r.status).toBe(2);
    const line = JSON.parse(r.stdout.trim().split('\n')[0]) as { level: number; msg: string; error: string };
    expect(line).toMatchObject({ level: 60, msg: 'invalid configuration' });
    expect(line.error).toMatch(/:4: receivers\.max_request_bytes: must be >= 1024/);
    expect(r.stdout).not.toContain('ready');
  });

  it('runs on defaults with no config at all, answers the healthcheck command, and exits 0 on SIGTERM', async () => {
    const agent = new AgentProcess([], { ...cleanEnv(), LOG_LEVEL: 'info' });
    try {
      await agent.ready();
      const ready = agent.logs().find((l) => l.msg === 'otlp-client agent ready') as {
        ports: object;
        upstream: string;
        config: string;
      };
      expect(ready).toMatchObject({
        ports: { monitoring: 8080, grpc: 4317, http: 4318 },
        upstream: 'http://localhost:4317/',
        config: 'built-in defaults',
      });
      expect(run(['healthcheck']).status).toBe(0);
      expect(run(['healthcheck', '--url', 'http://127.0.0.1:8080/health']).status).toBe(0);
      const down = run(['healthcheck', '--url', `http://127.0.0.1:${await freePort()}/ready`]);
      expect(down.status).toBe(1);
      expect(down.stderr).toMatch(/ECONNREFUSED/);
    } finally {
      agent.child.kill('SIGTERM');
    }
    expect(await agent.exit).toBe(0);
  });

  it('on SIGTERM under load: refuses new requests, delivers every accepted span upstream, exits 0', async () => {
    const sink = await new GrpcSink([{ kind: 'slow', ms: 40 }]).start();
    const [grpcPort, httpPort, monitoringPort] = await freePorts(3);
    const file = writeConfig(`[otlp]
endpoint = "http://127.0.0.1:${sink.port}"
batch_size = 50
flush_interval = "20ms"
[receivers.grpc]
port = ${grpcPort}
[receivers.http]
port = ${httpPort}
[monitoring]
port = ${monitoringPort}
[lifecycle]
shutdown_grace = "15s"
`);
    const agent = new AgentProcess(['run'], { ...cleanEnv(), OTLP_CONFIG_PATH: file });
    // A client deadline far above the work: on a loaded machine a slow answer must not count an
    // accepted request as refused.
    const exporter = new OfficialProtoExporter({
      url: `http://127.0.0.1:${httpPort}/v1/traces`,
      timeoutMillis: 60_000,
    });
    try {
      await agent.ready();
      let accepted = 0;
      let refused = 0;
      let stop = false;
      const loop = async (id: number) => {
        for (let i = 0; i < 400 && !stop; i++) {
          const code = await new Promise<ExportResultCode>((resolve) =>
            exporter.export(sdkSpans(100, `w${id}-${i}`), (r) => resolve(r.code)),
          );
          if (code === ExportResultCode.SUCCESS) accepted += 100;
          else refused++;
          if (refused > 0) stop = true; // the agent stopped accepting: it is draining
        }
      };
      const load = Promise.all([loop(1), loop(2)]);
      await until(() => accepted >= 2000, 60_000);
      const readyBefore = await fetch(`http://127.0.0.1:${monitoringPort}/ready`).then((r) => r.status);
      // Without --url, healthcheck probes monitoring.port of the config the agent runs from.
      expect(run(['healthcheck'], { ...cleanEnv(), OTLP_CONFIG_PATH: file }).status).toBe(0);
      agent.child.kill('SIGTERM');
      await load;
      const code = await agent.exit;
      expect(readyBefore).toBe(200);
      expect(code).toBe(0);
      expect(refused).toBeGreaterThan(0);
      // Every span the agent said yes to is upstream; nothing was dropped at the deadline.
      expect(sink.accepted).toBe(accepted);
      const stopped = agent.logs().find((l) => String(l.msg).startsWith('stopped')) as {
        dropped: number;
        msg: string;
      };
      expect(stopped).toMatchObject({ dropped: 0, msg: 'stopped; queue drained' });
    } finally {
      agent.child.kill('SIGKILL');
      await exporter.shutdown();
      sink.forceStop();
    }
  }, 120_000);
});
