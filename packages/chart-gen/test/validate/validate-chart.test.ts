import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateChart } from '../../src/validate/validate-chart';
import { copyChart, freshChart, root, valuesFile } from '../helpers';

jest.setTimeout(60_000);

const chart = freshChart();

describe('validateChart on the generated chart', () => {
  it('passes every check for the defaults and every ci/ values file, and counts the objects', async () => {
    const reports = await validateChart({ root, chart });
    expect(reports.map((r) => r.values)).toEqual([
      'default',
      'ci/all-features-values.yaml',
      'ci/daemonset-values.yaml',
      'ci/exposure-values.yaml',
      'ci/vpa-values.yaml',
    ]);
    for (const r of reports) {
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
      expect(r.checks.map((c) => c.name)).toEqual([
        'helm3 lint --strict',
        'helm3 template (kubernetes 1.34.0)',
        'helm4 install --dry-run=client',
        'helm4 lint --strict',
        'helm4 template (kubernetes 1.29.0)',
        'helm4 template (kubernetes 1.34.0)',
        'kubernetes 1.29.0 schema (strict)',
        'kubernetes 1.34.0 schema (strict)',
        'policy-lint (zero findings)',
      ]);
    }
    const [defaults, all, daemonset, exposure, vpa] = reports;
    expect(defaults.objects).toEqual({
      ConfigMap: 1,
      Deployment: 1,
      HorizontalPodAutoscaler: 1,
      NetworkPolicy: 2,
      Pod: 1,
      PodDisruptionBudget: 1,
      Service: 2,
      ServiceAccount: 1,
    });
    // Every optional object appears in some ci/ file.
    for (const kind of ['Namespace', 'Role', 'RoleBinding', 'ServiceMonitor', 'PrometheusRule'])
      expect(all.objects[kind]).toBe(1);
    expect(vpa.objects.VerticalPodAutoscaler).toBe(1);
    // Daemonset mode: no Deployment, and nothing that only scales a Deployment.
    expect(daemonset.objects).toMatchObject({
      DaemonSet: 1,
      PodMonitor: 1,
      ClusterRole: 1,
      ClusterRoleBinding: 1,
    });
    for (const kind of ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'])
      expect([kind, daemonset.objects[kind]]).toEqual([kind, undefined]);
    for (const kind of ['Ingress', 'HTTPRoute', 'GRPCRoute', 'ServiceMonitor'])
      expect([kind, exposure.objects[kind]]).toEqual([kind, 1]);
    // The existing ConfigMap replaces the rendered one; extraManifests brings it and one more.
    expect(exposure.objects.ConfigMap).toBe(2);
    expect(vpa.objects.HorizontalPodAutoscaler).toBeUndefined();
  });
});

describe('validateChart catches what Helm alone lets through', () => {
  it('a field Kubernetes does not know (strict schema), naming template, object and path', async () => {
    const broken = copyChart(chart);
    // The pod template lives in a helper; Helm still names the manifest that includes it.
    const file = join(broken, 'templates', '_pod.tpl');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'imagePullPolicy:',
        'imagePullPolicyy: Always\n      imagePullPolicy:',
      ),
    );
    const [report] = await validateChart({ root, chart: broken, valuesFiles: [valuesFile({})] });
    const schema = report.checks.filter((c) => c.name.includes('schema'));
    expect(schema.map((c) => c.ok)).toEqual([false, false]);
    expect(schema[0].detail).toContain(
      'otlp-client/templates/deployment.yaml: Deployment/otlp-otlp-client /spec/template/spec/containers/0: unknown field "imagePullPolicyy"',
    );
    expect(report.checks.find((c) => c.name === 'helm4 lint --strict')!.ok).toBe(true);
  });

  it('a values file that weakens the pod security, through policy-lint findings', async () => {
    const values = valuesFile({
      podSecurityContext: { runAsNonRoot: false },
      securityContext: { readOnlyRootFilesystem: false },
    });
    const [report] = await validateChart({ root, chart, valuesFiles: [values] });
    const lint = report.checks.find((c) => c.name === 'policy-lint (zero findings)')!;
    expect(lint.ok).toBe(false);
    expect(lint.detail).toMatch(
      /charts\/otlp-client\/templates\/deployment\.yaml:\d+:\d+ error pss-run-as-non-root Deployment\/otlp-otlp-client/,
    );
    expect(lint.detail).toContain('hardening-read-only-root-fs Deployment/otlp-otlp-client');
  });

  it('a values file Helm refuses fails the Helm checks with Helm’s own message', async () => {
    const [report] = await validateChart({ root, chart, valuesFiles: [valuesFile({ replicaCont: 1 })] });
    const lint = report.checks.find((c) => c.name === 'helm4 lint --strict')!;
    expect(lint.ok).toBe(false);
    expect(report.checks.every((c) => !c.ok)).toBe(true);
    expect(report.checks.find((c) => c.name === 'helm4 install --dry-run=client')!.detail).toContain(
      'replicaCont',
    );
    // helm lint --quiet prints its findings on stdout; the report shows them, not only "1 chart(s) failed".
    for (const name of ['helm4 lint --strict', 'helm3 lint --strict']) {
      const detail = report.checks.find((c) => c.name === name)!.detail!;
      expect([name, detail]).toEqual([name, expect.stringMatching(/^\[ERROR\] .*replicaCont/m)]);
      expect(detail).toContain('1 chart(s) failed');
    }
  });
});
