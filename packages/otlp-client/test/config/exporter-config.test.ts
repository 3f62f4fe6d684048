import { ConfigError } from '../../src/config/config-error';
import { resolveSignalConfig } from '../../src/config/exporter-config';
import { OtlpExporter } from '../../src/export/exporter';
import { makePki } from '../support/certs';

describe('resolveSignalConfig: OTEL_EXPORTER_OTLP_* with the spec precedence and defaults', () => {
  it('defaults: http/protobuf on localhost:4318/v1/<signal>; gRPC on localhost:4317; 10 s; no compression', () => {
    const http = resolveSignalConfig('metrics', {}, {});
    expect([http.protocol, http.url.href, http.timeoutMs, http.compression, http.tls]).toEqual([
      'http/protobuf',
      'http://localhost:4318/v1/metrics',
      10000,
      'none',
      undefined,
    ]);
    expect(resolveSignalConfig('traces', { protocol: 'grpc' }, {}).url.href).toBe('http://localhost:4317/');
  });

  it('a generic endpoint gets the signal path appended; a per-signal one is used as is and wins', () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4318/base/',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'https://logs.example/custom',
    };
    expect(resolveSignalConfig('traces', {}, env).url.href).toBe('https://collector:4318/base/v1/traces');
    expect(resolveSignalConfig('logs', {}, env).url.href).toBe('https://logs.example/custom');
  });

  it('per-signal variables win over generic ones, and code wins over both', () => {
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '3000',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-tenant=a',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'gzip',
    };
    const t = resolveSignalConfig('traces', {}, env);
    expect([t.protocol, t.timeoutMs, t.compression, t.headers]).toEqual([
      'grpc',
      3000,
      'gzip',
      { authorization: 'Bearer abc', 'x-tenant': 'a' },
    ]);
    expect(resolveSignalConfig('metrics', {}, env).timeoutMs).toBe(2000);
    const coded = resolveSignalConfig(
      'traces',
      { timeoutMs: 500, protocol: 'http/protobuf', headers: { 'X-Tenant': 'b' } },
      env,
    );
    expect([coded.timeoutMs, coded.protocol, coded.headers['x-tenant']]).toEqual([500, 'http/protobuf', 'b']);
  });

  it('gRPC endpoints without a scheme are TLS unless OTEL_EXPORTER_OTLP_INSECURE=true', () => {
    expect(
      resolveSignalConfig('traces', { protocol: 'grpc', endpoint: 'collector:4317' }, {}).url.protocol,
    ).toBe('https:');
    expect(
      resolveSignalConfig(
        'traces',
        { protocol: 'grpc', endpoint: 'collector:4317' },
        { OTEL_EXPORTER_OTLP_INSECURE: 'true' },
      ).tls,
    ).toBeUndefined();
  });

  it('an OTEL_EXPORTER_OTLP_INSECURE that is not true or false is false, with a warning naming it', () => {
    const warnings: string[] = [];
    const warn = (setting: string, message: string) => warnings.push(`${setting}: ${message}`);
    const env = { OTEL_EXPORTER_OTLP_INSECURE: '1' };
    const c = resolveSignalConfig('traces', { protocol: 'grpc', endpoint: 'collector:4317' }, env, warn);
    expect(c.url.protocol).toBe('https:');
    expect(warnings).toEqual(['OTEL_EXPORTER_OTLP_INSECURE: "1" is not true or false: treated as false']);
    const upper = resolveSignalConfig(
      'traces',
      { protocol: 'grpc', endpoint: 'collector:4317' },
      { OTEL_EXPORTER_OTLP_INSECURE: 'TRUE' },
      warn,
    );
    expect(upper.tls).toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('an HTTP endpoint given in code without a path gets /v1/<signal>; one with a path is used as it is', () => {
    const base = { protocol: 'http/protobuf' as const };
    const url = (endpoint: string, signal: 'traces' | 'logs' = 'traces') =>
      resolveSignalConfig(signal, { ...base, endpoint }, {}).url.href;
    expect(url('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(url('http://collector:4318/', 'logs')).toBe('http://collector:4318/v1/logs');
    expect(url('http://collector:4318/custom/path')).toBe('http://collector:4318/custom/path');
  });

  it('keeps the query string of an endpoint when it appends the signal path', () => {
    const fromEnv = resolveSignalConfig(
      'metrics',
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://gw.example.com/otlp?tenant=a&x=1' },
    );
    expect(fromEnv.url.href).toBe('https://gw.example.com/otlp/v1/metrics?tenant=a&x=1');
    const fromCode = resolveSignalConfig(
      'traces',
      { protocol: 'http/protobuf', endpoint: 'http://c:4318?token=t' },
      {},
    );
    expect(fromCode.url.href).toBe('http://c:4318/v1/traces?token=t');
  });

  it.each([
    [{ endpoint: 'http://[bad' }, {}, 'endpoint'],
    [{ endpoint: 'ftp://x' }, {}, 'endpoint'],
    [{ protocol: 'http/json' as never }, {}, 'protocol'],
    [{}, { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'carrier-pigeon' }, 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL'],
    [{}, { OTEL_EXPORTER_OTLP_TIMEOUT: '10s' }, 'OTEL_EXPORTER_OTLP_TIMEOUT'],
    [{}, { OTEL_EXPORTER_OTLP_HEADERS: 'novalue' }, 'OTEL_EXPORTER_OTLP_HEADERS'],
    [{}, { OTEL_EXPORTER_OTLP_COMPRESSION: 'zstd' }, 'OTEL_EXPORTER_OTLP_COMPRESSION'],
    [{ timeoutMs: 0 }, {}, 'timeoutMs'],
    [{ endpoint: 'https://x', certificateFile: '/nonexistent/ca.pem' }, {}, 'certificateFile'],
    [
      {},
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://x', OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem' },
      'OTEL_EXPORTER_OTLP_CERTIFICATE',
    ],
  ])('rejects %j %j naming %s', (options, env, setting) => {
    let error: unknown;
    try {
      resolveSignalConfig('traces', options, env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
  });

  it('refuses certificates on a plaintext endpoint, and a client certificate without its key', () => {
    const pki = makePki();
    expect(() =>
      resolveSignalConfig('traces', { endpoint: 'http://x/v1/traces', certificateFile: pki.caCert }, {}),
    ).toThrow(/plaintext/);
    expect(() =>
      resolveSignalConfig(
        'traces',
        { endpoint: 'https://x/v1/traces', clientCertificateFile: pki.clientCert },
        {},
      ),
    ).toThrow(ConfigError);
  });
});

describe('OtlpExporter construction', () => {
  it.each([
    [{ batch: { maxItems: 0 } }, 'batch.maxItems'],
    [{ batch: { maxBytes: -1 } }, 'batch.maxBytes'],
    [{ queue: { maxItems: 10 }, batch: { maxItems: 100 } }, 'queue.maxItems'],
    [{ queue: { dropPolicy: 'random' as never } }, 'queue.dropPolicy'],
    [{ maxInFlight: 1.5 }, 'maxInFlight'],
    [{ retry: { maxRetries: -1 } }, 'maxRetries'],
    [{ breaker: { threshold: 0 } }, 'threshold'],
    [{ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' } }, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
  ])('fails when built, not at the first export: %j', (options, setting) => {
    expect(() => new OtlpExporter({ env: {}, ...options })).toThrow(
      expect.objectContaining({ name: 'ConfigError', setting }),
    );
  });
});
