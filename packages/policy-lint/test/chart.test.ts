import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lintSources } from '../src/engine.js';

const root = join(__dirname, '..', '..', '..');
const chart = join(root, 'charts', 'otlp-client');
const helm = join(root, 'tools', 'bin', 'helm');
const crdApis = [
  'monitoring.coreos.com/v1/ServiceMonitor',
  'monitoring.coreos.com/v1/PrometheusRule',
  'autoscaling.k8s.io/v1/VerticalPodAutoscaler',
];

/** The generated chart (chart-gen) rendered by real Helm, as users lint it in CI. */
function render(valuesFile?: string): string {
  const args = [
    'template',
    'otlp',
    chart,
    '-n',
    'observability',
    ...crdApis.flatMap((a) => ['--api-versions', a]),
  ];
  return execFileSync(helm, valuesFile ? [...args, '-f', valuesFile] : args, { encoding: 'utf8' });
}

describe('the otlp-client chart from chart-gen', () => {
  const cases = [undefined, ...readdirSync(join(chart, 'ci')).map((f) => join(chart, 'ci', f))];

  it.each(cases.map((c) => [c ? c.slice(chart.length + 1) : 'default values', c]))(
    'passes every rule with zero findings: %s',
    (_name, file) => {
      const { findings, summary } = lintSources([{ file: 'rendered.yaml', text: render(file) }], {
        parse: { sourceRoot: 'charts' },
      });
      expect(findings.filter((f) => !f.suppressed)).toEqual([]);
      expect(summary.objects).toBeGreaterThanOrEqual(9);
    },
  );

  it('attributes findings to the chart template, with the line in that template', () => {
    const { findings } = lintSources(
      [{ file: 'rendered.yaml', text: render().replace('runAsNonRoot: true', 'runAsNonRoot: false') }],
      {
        parse: { sourceRoot: 'charts' },
      },
    );
    const f = findings.find((x) => x.ruleId === 'pss-run-as-non-root')!;
    expect(f.file).toBe('charts/otlp-client/templates/deployment.yaml');
    expect(f.kind).toBe('Deployment');
    expect(f.line).toBeGreaterThan(1);
  });
});
