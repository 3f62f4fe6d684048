import * as agent from '../src/agent/index';
import * as library from '../src/index';

describe('public API', () => {
  it('the root entry is the exporter library: a short list, no agent and no codec internals', () => {
    expect(Object.keys(library).sort()).toEqual(
      [
        'ConfigError',
        'ExportCircuitBreaker',
        'ExporterMetrics',
        'OtlpExporter',
        'RetryPolicy',
        'concatChunks',
        'countItems',
        'dropReasons',
        'otlpMetricNames',
        'parseHeaders',
        'protocols',
        'resolveSignalConfig',
        'sdkSpansToChunks',
        'signalNames',
        'signalSpecs',
        'silentLogger',
        'toChunks',
      ].sort(),
    );
  });

  it('the agent lives behind @otlp-kit/otlp-client/agent', () => {
    expect(typeof agent.Agent).toBe('function');
    expect(typeof agent.loadAgentConfig).toBe('function');
    expect('Agent' in library).toBe(false);
  });
});
