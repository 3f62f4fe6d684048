import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const requireHere = createRequire(__filename);

function packageVersion(manifest: string): string {
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Version of the agent the chart deploys: the otlp-client package version is the appVersion. */
export function agentVersion(): string {
  return packageVersion(requireHere.resolve('@otlp-kit/otlp-client/package.json'));
}

/**
 * chart-gen's own version, which is also the chart's: one release versions the packages, the
 * chart and the image together (nx.json `release`), so a chart is always the one its generator made.
 */
export const chartGenVersion = packageVersion(join(__dirname, '..', 'package.json'));

/** Chart.yaml metadata besides the version fields. */
export const chartMetadata = {
  name: 'otlp-client',
  version: chartGenVersion,
  description:
    'OTLP telemetry agent: receives OTLP on 4317/4318 and forwards it upstream with batching, retries and a circuit breaker.',
  /** Pod Security Admission is GA from 1.25; the oldest minor still validated against here is 1.29. */
  kubeVersion: '>=1.29.0-0',
  /** Oldest and newest Kubernetes minors every rendering is validated against. */
  validatedKubeVersions: ['1.29.0', '1.34.0'],
  home: 'https://github.com/otlp-kit/otlp-kit',
  keywords: ['opentelemetry', 'otlp', 'telemetry', 'tracing', 'agent'],
  license: 'Apache-2.0',
};
