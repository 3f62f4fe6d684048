import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Agent } from '../../../src/agent/agent';
import { parseDuration } from '../../../src/agent/config/duration';
import { levelFromRustLog } from '../../../src/agent/config/env-overrides';
import { exporterEnv } from '../../../src/agent/config/exporter-options';
import type { AgentConfigError } from '../../../src/agent/config/load-config';
import { loadAgentConfig } from '../../../src/agent/config/load-config';
import { createLogger } from '../../../src/agent/logging/logger';
import { resolveSignalConfig } from '../../../src/config/exporter-config';
import { LogCapture, writeConfig } from '../support/agent-harness';

const root = join(__dirname, '..', '..', '..', '..', '..');
const helm = join(root, 'tools', 'bin', 'helm');
const chart = join(root, 'charts', 'otlp-client');

/** config.toml as the real chart renders it (helm template), for the given --set flags. */
function chartConfigToml(sets: string[] = []): string {
  const out = execFileSync(helm, ['template', 'rel', chart, ...sets.flatMap((s) => ['--set', s])], {
    encoding: 'utf8',
  });
  for (const doc of out.split(/^---$/m)) {
    const o = parseYaml(doc) as { kind?: string; data?: Record<string, string> } | null;
    if (o?.kind === 'ConfigMap' && o.data?.['config.toml']) return o.data['config.toml'];
  }
  throw new Error('no config.toml in the rendered chart');
}

const load = (toml: string, env: Record<string, string> = {}) => loadAgentConfig(writeConfig(toml), env);
const errorOf = (fn: () => unknown): AgentConfigError => {
  try {
    fn();
  } catch (err) {
    return err as AgentConfigError;
  }
  throw new Error('expected an error');
};

describe('loadAgentConfig', () => {
  it('accepts the config.toml the Helm chart renders, with the chart defaults, and one with every option set', () => {
    const loaded = load(chartConfigToml());
    expect(loaded.config.otlp).toMatchObject({
      endpoint: 'http://jaeger-collector.jaeger.svc:4317',
      batch_size: 100,
    });
    expect(loaded.config.receivers).toMatchObject({ grpc: { port: 4317 }, http: { port: 4318 } });
    const custom = load(
      chartConfigToml([
        'config.otlp.endpoint=https://collector.example.com:4318',
        'config.otlp.protocol=http/protobuf',
        'config.otlp.headers.authorization=Bearer t0k=n',
        'config.otlp.tls.ca_file=/etc/otlp/tls/ca.pem',
        'config.queue.max_items=50000',
        'config.lifecycle.shutdown_grace=25s',
        'terminationGracePeriodSeconds=35',
        'config.resilience.max_elapsed=10m',
        'config.receivers.request_timeout=1m',
        'config.logging.format=text',
      ]),
    );
    expect(custom.config.otlp.headers).toEqual({ authorization: 'Bearer t0k=n' });
    expect(custom.config.otlp.tls.ca_file).toBe('/etc/otlp/tls/ca.pem');
    expect(custom.durations.shutdownGraceMs).toBe(25_000);
    expect(custom.durations.maxElapsedMs).toBe(600_000);
    expect(custom.durations.requestTimeoutMs).toBe(60_000);
    expect(custom.config.queue.max_items).toBe(50_000);
  });

  it('runs on defaults without any file: receivers on, upstream the OTLP default localhost:4317', () => {
    const loaded = loadAgentConfig(undefined, { OTLP_CONFIG_PATH: '' });
    expect(loaded.file).toBeUndefined();
    expect(loaded.config.otlp.endpoint).toBe('http://localhost:4317');
    expect(loaded.config.receivers.grpc).toEqual({ enabled: true, port: 4317 });
    expect(loaded.config.receivers.http).toEqual({ enabled: true, port: 4318 });
    expect(loaded.config.monitoring.port).toBe(8080);
    expect(loaded.durations.shutdownGraceMs).toBe(20_000);
  });

  it('names the key and its line for schema errors, file:line:column for TOML syntax errors', () => {
    const typo = errorOf(() => load('[otlp]\nbatch_size = 10\n\n[queue]\nmax_itemz = 5\n'));
    expect(typo.message).toMatch(/config\.toml:5: queue\.max_itemz: unknown key$/);
    const range = errorOf(() => load('[otlp]\nbatch_size = 0\n'));
    expect(range.message).toMatch(/config\.toml:2: otlp\.batch_size: must be >= 1/);
    const type = errorOf(() => load('[receivers.grpc]\nport = "4317"\n'));
    expect(type.message).toMatch(/:2: receivers\.grpc\.port: must be integer/);
    const duration = errorOf(() => load('[otlp]\ntimeout = "5 seconds"\n'));
    expect(duration.message).toMatch(/:2: otlp\.timeout: must be a duration/);
    const syntax = errorOf(() => load('[otlp]\nendpoint = "http://x:4317\n'));
    expect(syntax.message).toMatch(/config\.toml:2: .*\(column \d+\)/);
    expect(syntax.line).toBe(2);
  });

  it('checks settings against each other', () => {
    expect(errorOf(() => load('[otlp]\nbatch_size = 500\n[queue]\nmax_items = 100\n')).message).toMatch(
      /:4: queue\.max_items: 100 is smaller than otlp\.batch_size \(500\)/,
    );
    expect(errorOf(() => load('[monitoring]\nport = 4317\n')).message).toMatch(
      /receivers\.grpc\.port: port 4317 is already used by monitoring\.port/,
    );
    expect(errorOf(() => load('[otlp.tls]\ncert_file = "/c.pem"\n')).message).toMatch(
      /otlp\.tls\.key_file: mTLS needs both/,
    );
    expect(errorOf(() => load('[otlp.tls]\nca_file = "/ca.pem"\n')).message).toMatch(
      /otlp\.endpoint: TLS files are set but the endpoint is plaintext/,
    );
    // A disabled receiver's port may be reused.
    expect(
      load('[receivers.grpc]\nenabled = false\n[monitoring]\nport = 4317\n').config.monitoring.port,
    ).toBe(4317);
  });

  it('reports a missing explicit file by the setting that named it', () => {
    expect(
      errorOf(() => loadAgentConfig(undefined, { OTLP_CONFIG_PATH: '/nonexistent/config.toml' })).message,
    ).toBe('OTLP_CONFIG_PATH: cannot read /nonexistent/config.toml: ENOENT');
  });

  it('lets LOG_LEVEL, else RUST_LOG, override logging.level, and rejects unknown levels by name', () => {
    expect(load('[logging]\nlevel = "info"\n', { LOG_LEVEL: 'DEBUG' }).config.logging.level).toBe('debug');
    expect(load('', { RUST_LOG: 'otlp_client=trace' }).config.logging.level).toBe('trace');
    expect(load('', { RUST_LOG: 'hyper=info,warn', LOG_LEVEL: '' }).config.logging.level).toBe('warn');
    expect(levelFromRustLog('off')).toBe('error');
    expect(errorOf(() => load('', { LOG_LEVEL: 'verbose' })).message).toMatch(
      /^LOG_LEVEL: "verbose" is not a log level/,
    );
  });

  it('lets OTEL_EXPORTER_OTLP_* override [otlp] with the spec precedence, and names file keys in errors from file values', async () => {
    const file =
      '[otlp]\nendpoint = "https://collector.example.com:4318"\nprotocol = "http/protobuf"\ntimeout = "3s"\n';
    const fromFile = load(file);
    const traces = resolveSignalConfig('traces', {}, exporterEnv(fromFile, {}));
    expect(traces.url.href).toBe('https://collector.example.com:4318/v1/traces');
    expect(traces.timeoutMs).toBe(3000);
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://gateway:4318',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs:9999/custom',
    };
    const overridden = load(file, env);
    expect(overridden.overrides).toEqual(['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT']);
    expect(resolveSignalConfig('traces', {}, exporterEnv(overridden, env)).url.href).toBe(
      'http://gateway:4318/v1/traces',
    );
    expect(resolveSignalConfig('logs', {}, exporterEnv(overridden, env)).url.href).toBe(
      'http://logs:9999/custom',
    );
    // An unreadable certificate named in the file is reported by its key, when the agent is built.
    const badCa = load('[otlp]\nendpoint = "https://c:4317"\n[otlp.tls]\nca_file = "/nonexistent/ca.pem"\n');
    await expect(
      Agent.start({
        loaded: badCa,
        logger: createLogger({ level: 'error', format: 'json' }, new LogCapture()),
        env: {},
      }),
    ).rejects.toThrow(/otlp\.tls\.ca_file: cannot read \/nonexistent\/ca\.pem: ENOENT/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['100ms', 100],
    ['5s', 5000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['250us', 0.25],
  ])('%s is %d ms', (text, ms) => expect(parseDuration(text, 'k')).toBe(ms));
  it('rejects text that is not a duration, naming the key', () => {
    expect(() => parseDuration('5', 'otlp.timeout')).toThrow(/^otlp\.timeout: "5" is not a duration/);
    expect(() => parseDuration('5s ', 'x')).toThrow(/not a duration/);
  });
});
