// The agent's container image, built by `nx run otlp-client:image`, run with podman (or Docker)
// as the chart runs it: read-only root filesystem, config mounted at /etc/otlp/config.toml.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OTLPTraceExporter as OfficialGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { signalSpecs } from '../../src/proto/signals';
import { version } from '../../src/version';
import { freePorts } from '../agent/support/agent-harness';
import { GrpcSink } from '../support/grpc-sink';
import { until } from '../support/spans';

jest.setTimeout(120_000);

const tag = process.env.OTLP_IMAGE ?? `localhost/otlp-client:${version}`;
const docker = spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;
const engine = docker
  ? { cmd: 'docker', args: [] as string[] }
  : { cmd: 'podman', args: ['--storage-driver', 'vfs', '--runtime', 'runc', '--cgroup-manager', 'cgroupfs'] };
const confDir = mkdtempSync(join(tmpdir(), 'otlp-e2e-'));
const containersConf = join(confDir, 'containers.conf');
writeFileSync(containersConf, '[containers]\ndefault_ulimits = []\n');
const env = { ...process.env, CONTAINERS_CONF: containersConf };
const name = `otlp-client-e2e-${process.pid}`;

function engineRun(args: string[], allowFail = false): { status: number; out: string } {
  const r = spawnSync(engine.cmd, [...engine.args, ...args], { encoding: 'utf8', env, timeout: 60_000 });
  // podman without systemd prints (harmless) errors about healthcheck timers on stderr.
  if (r.status !== 0 && !allowFail) throw new Error(`${engine.cmd} ${args.join(' ')}: ${r.stderr}`);
  return { status: r.status ?? -1, out: r.stdout };
}

describe(`container image ${tag}`, () => {
  let sink: GrpcSink;
  afterAll(() => {
    engineRun(['rm', '-f', name], true);
    sink?.forceStop();
  });

  it("runs read-only as uid 10001, gets ready, relays the official SDK's spans upstream and stops on SIGTERM within the grace", async () => {
    const image = JSON.parse(engineRun(['image', 'inspect', tag]).out) as {
      Config: {
        User: string;
        ExposedPorts: Record<string, unknown>;
        Healthcheck?: { Test: string[] };
        Labels: Record<string, string>;
      };
      Healthcheck?: { Test: string[] };
      Size: number;
    }[];
    const config = image[0].Config;
    expect(config.User).toBe('10001:10001');
    expect(Object.keys(config.ExposedPorts).sort()).toEqual(['4317/tcp', '4318/tcp', '8080/tcp']);
    // Docker keeps HEALTHCHECK in Config, podman beside it.
    expect((config.Healthcheck ?? image[0].Healthcheck)?.Test.join(' ')).toContain('cli.js healthcheck');
    expect(config.Labels['org.opencontainers.image.title']).toBe('otlp-client');
    console.log(`image ${tag}: ${(image[0].Size / 1e6).toFixed(1)} MB`);

    sink = await new GrpcSink().start();
    const [grpcPort, httpPort, monitoringPort] = await freePorts(3);
    const configFile = join(confDir, 'config.toml');
    writeFileSync(
      configFile,
      `[otlp]\nendpoint = "http://127.0.0.1:${sink.port}"\nflush_interval = "20ms"\n` +
        `[receivers.grpc]\nport = ${grpcPort}\n[receivers.http]\nport = ${httpPort}\n` +
        `[monitoring]\nport = ${monitoringPort}\n[lifecycle]\nshutdown_grace = "10s"\n`,
    );
    engineRun([
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'host',
      '--read-only',
      '--tmpfs',
      '/tmp',
      '-v',
      `${configFile}:/etc/otlp/config.toml:ro`,
      '-e',
      'POD_NAME=otlp-client-e2e',
      '-e',
      'POD_NAMESPACE=e2e',
      tag,
    ]);
    const ready = `http://127.0.0.1:${monitoringPort}/ready`;
    if (!(await answers200(ready, 30_000)))
      throw new Error(`not ready within 30 s: ${engineRun(['logs', name], true).out}`);

    // The process runs as 10001, never root.
    const top = engineRun(docker ? ['top', name, '-o', 'uid,args'] : ['top', name, 'huser', 'args']).out;
    expect(top).toMatch(/^\s*10001\s+.*dist\/cli\.js run/m);
    expect(top).not.toMatch(/^\s*0\s/m);
    // The image's own HEALTHCHECK command (the agent's healthcheck subcommand) passes. podman
    // itself may fail a run on a loaded machine (exit 125: its own error, not the check's), so a
    // few bounded tries: the statuses are in the failure message.
    if (!docker) {
      const statuses: number[] = [];
      for (let i = 0; i < 5 && statuses.at(-1) !== 0; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 1000));
        statuses.push(engineRun(['healthcheck', 'run', name], true).status);
      }
      expect(statuses.filter((s) => s !== 125 && s !== 0)).toEqual([]);
      expect(statuses.at(-1)).toBe(0);
    }

    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'e2e' }),
      spanProcessors: [
        new BatchSpanProcessor(new OfficialGrpcExporter({ url: `http://127.0.0.1:${grpcPort}` }), {
          scheduledDelayMillis: 10,
        }),
      ],
    });
    const tracer = provider.getTracer('e2e');
    for (let i = 0; i < 1000; i++) tracer.startSpan(`e2e-${i}`).end();
    await provider.forceFlush();
    await provider.shutdown();
    await until(() => sink.accepted === 1000, 20_000);
    const first = signalSpecs.traces.request.toObject(
      signalSpecs.traces.request.decode(sink.received[0].body),
    ) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue: string } }[] } }[];
    };
    const attrs = Object.fromEntries(
      first.resourceSpans[0].resource.attributes.map((a) => [a.key, a.value.stringValue]),
    );
    expect(attrs).toMatchObject({
      'service.name': 'e2e',
      'k8s.pod.name': 'otlp-client-e2e',
      'k8s.namespace.name': 'e2e',
    });

    const started = Date.now();
    // Asynchronously: the sink lives in this process and must keep answering while the agent
    // drains (a spawnSync here froze it, and the agent rightly timed out exports still in flight).
    await new Promise<void>((resolve, reject) => {
      const stop = spawn(engine.cmd, [...engine.args, 'stop', '-t', '15', name], { env, stdio: 'ignore' });
      const timer = setTimeout(() => stop.kill('SIGKILL'), 60_000);
      stop.once('error', reject);
      stop.once('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else reject(new Error(`${engine.cmd} stop exited ${code}`));
      });
    });
    const stoppedMs = Date.now() - started;
    const state = JSON.parse(engineRun(['inspect', name]).out) as { State: { ExitCode: number } }[];
    expect(state[0].State.ExitCode).toBe(0);
    expect(stoppedMs).toBeLessThan(10_000); // within the grace: SIGTERM was handled, no SIGKILL
    expect(engineRun(['logs', name]).out).toContain('"msg":"stopped; queue drained"');
  });
});

/** Polls `url` until it answers 200 (true) or `ms` pass (false). */
async function answers200(url: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
