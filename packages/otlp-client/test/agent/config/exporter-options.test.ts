import { Registry } from 'prom-client';
import { exporterOptions } from '../../../src/agent/config/exporter-options';
import { loadAgentConfig } from '../../../src/agent/config/load-config';
import { OtlpExporter } from '../../../src/export/exporter';
import { silentLogger } from '../../../src/export/logger';
import { writeConfig } from '../support/agent-harness';

/** The upstream URL of each signal the agent's exporter would use. */
function upstreams(env: Record<string, string>, file?: string): Record<string, string> {
  const loaded = loadAgentConfig(file, { OTLP_CONFIG_PATH: '', ...env });
  const e = new OtlpExporter(exporterOptions(loaded, env, new Registry(), silentLogger));
  const urls = Object.fromEntries(Object.entries(e.configs).map(([s, c]) => [s, c.url.href]));
  void e.shutdown(0);
  return urls;
}

describe('the agent upstream from config.toml and OTEL_EXPORTER_OTLP_*', () => {
  it('with no endpoint anywhere, the default port follows the protocol in effect, also when the environment sets it', () => {
    expect(upstreams({}).traces).toBe('http://localhost:4317/');
    expect(upstreams({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' })).toEqual({
      traces: 'http://localhost:4318/v1/traces',
      metrics: 'http://localhost:4318/v1/metrics',
      logs: 'http://localhost:4318/v1/logs',
    });
  });

  it("the file's endpoint is a base for HTTP (signal paths appended, query kept); the environment wins over it", () => {
    const file = writeConfig(
      '[otlp]\nendpoint = "http://collector:4318/otlp?tenant=a"\nprotocol = "http/protobuf"\n',
    );
    expect(upstreams({}, file).logs).toBe('http://collector:4318/otlp/v1/logs?tenant=a');
    expect(upstreams({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://other:4318/x' }, file).traces).toBe(
      'http://other:4318/x',
    );
  });
});
