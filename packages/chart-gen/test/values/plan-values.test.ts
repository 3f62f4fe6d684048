import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintSources } from '@otlp-kit/policy-lint';
import Ajv from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { configSchema } from '../../src/generate/chart-files';
import { freshChart, helm3, helm4, runHelm, valuesFile } from '../helpers';

const chart = freshChart();
const planValues = join(__dirname, '..', 'fixtures', 'plan-values.yaml');
const serviceMonitorApi = ['--api-versions', 'monitoring.coreos.com/v1/ServiceMonitor'];

type Manifest = {
  kind: string;
  metadata: { name: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};

function manifests(out: string): Manifest[] {
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Manifest | null)
    .filter((d): d is Manifest => d !== null);
}

function render(bin: string, args: string[]): string {
  const r = runHelm(bin, ['template', 'otlp', chart, '-n', 'observability', ...args]);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe("the plan's values.yaml is the chart's contract", () => {
  it.each([
    ['helm 4', helm4],
    ['helm 3', helm3],
  ])('%s renders it unchanged, meaning what the plan means', (_name, bin) => {
    const objects = manifests(render(bin, ['-f', planValues, ...serviceMonitorApi]));
    const byKind = (kind: string) => objects.filter((o) => o.kind === kind);

    const toml = parseToml(byKind('ConfigMap')[0].data?.['config.toml'] ?? '') as {
      otlp: Record<string, unknown>;
    };
    expect(toml.otlp).toMatchObject({
      endpoint: 'http://jaeger-collector:14268',
      protocol: 'grpc',
      batch_size: 100,
      timeout: '5s',
    });
    const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema());
    expect(validate(toml) ? [] : validate.errors).toEqual([]);

    const service = byKind('Service').find((s) => !s.metadata.name.endsWith('-headless'));
    const ports = (service?.spec?.ports as { name: string; port: number }[]).map((p) => [p.name, p.port]);
    expect(ports).toEqual([
      ['http', 8080],
      ['grpc', 4317],
      ['http-otlp', 4318],
    ]);
    const [monitor] = byKind('ServiceMonitor');
    expect((monitor.spec?.endpoints as { interval: string; scrapeTimeout: string }[])[0]).toMatchObject({
      interval: '30s',
      scrapeTimeout: '10s',
    });
    const deployment = byKind('Deployment')[0] as unknown as {
      spec: { template: { spec: { containers: { image: string; imagePullPolicy: string }[] } } };
    };
    expect(deployment.spec.template.spec.containers[0]).toMatchObject({
      image: 'docker.io/your-org/otlp-rust:latest',
      imagePullPolicy: 'Always',
    });
    expect(byKind('HorizontalPodAutoscaler')[0].spec).toMatchObject({ minReplicas: 3, maxReplicas: 10 });
    // The NetworkPolicy lets the agent reach the plan's upstream: its port, in the release namespace.
    const policy = byKind('NetworkPolicy').find((p) => !p.metadata.name.includes('deny'));
    const upstream = (policy?.spec?.egress as { ports: { port: number }[]; to?: unknown[] }[])[0];
    expect(upstream.ports[0].port).toBe(14268);
    expect(upstream.to).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } },
    ]);
  });

  it('installs with Helm 4, whose NOTES warn about the moving "latest" tag; policy-lint flags it', () => {
    const r = runHelm(helm4, [
      'install',
      'otlp',
      chart,
      '-n',
      'observability',
      '--dry-run=client',
      '-f',
      planValues,
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/WARNING: image\.tag is "latest", a moving tag/);
    const lint = lintSources([{ file: 'rendered.yaml', text: render(helm4, ['-f', planValues]) }]);
    // Once for the agent and once for the helm test pod, which runs the same image: nothing else.
    expect([...new Set(lint.findings.filter((f) => !f.suppressed).map((f) => f.ruleId))]).toEqual([
      'hardening-image-tag',
    ]);
  });

  it('an alias that is set wins over the nested key; a bad alias is refused by name', () => {
    const both = valuesFile({
      config: { endpoint: 'http://a.b.svc:4317', otlp: { endpoint: 'http://c.d.svc:4317' } },
    });
    expect(render(helm4, ['-f', both])).toContain('endpoint = "http://a.b.svc:4317"');
    const bad = runHelm(helm4, ['template', 'otlp', chart, '-f', valuesFile({ config: { batch_size: 0 } })]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/batch_size/);
  });

  it('the default tag stays pinned: no warning, no finding', () => {
    const r = runHelm(helm4, ['install', 'otlp', chart, '-n', 'observability', '--dry-run=client']);
    expect(r.stdout).not.toMatch(/moving tag/);
    expect(r.stdout).toMatch(/image: "ghcr\.io\/otlp-kit\/otlp-client:\d+\.\d+\.\d+"/);
  });
});

describe('as a dependency of a parent chart (condition: otlp-client.enabled)', () => {
  const parent = mkdtempSync(join(tmpdir(), 'parent-chart-'));
  mkdirSync(join(parent, 'charts'));
  cpSync(chart, join(parent, 'charts', 'otlp-client'), { recursive: true });
  writeFileSync(
    join(parent, 'Chart.yaml'),
    'apiVersion: v2\nname: platform\nversion: 1.0.0\ndependencies:\n' +
      '  - name: otlp-client\n    version: ">=0.0.0-0"\n    condition: otlp-client.enabled\n',
  );
  writeFileSync(join(parent, 'values.yaml'), 'global:\n  imageRegistry: mirror.example.com\n');

  it.each([
    ['helm 4', helm4],
    ['helm 3', helm3],
  ])('%s: enabled renders it (with the global registry), disabled leaves it out', (_name, bin) => {
    const on = runHelm(bin, ['template', 'p', parent, '--set', 'otlp-client.enabled=true']);
    expect(on.stderr).toBe('');
    expect(on.stdout).toContain('image: "mirror.example.com/otlp-kit/otlp-client:');
    const off = runHelm(bin, ['template', 'p', parent, '--set', 'otlp-client.enabled=false']);
    expect(off.code).toBe(0);
    expect(manifests(off.stdout)).toEqual([]);
  });
});
