import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { otlpMetricNames as m } from '@otlp-kit/otlp-client';
import { otlpAlerts } from '../../src/monitoring/alerts';
import { freshChart, helmTemplate } from '../helpers';

const annotations = (name: string) => {
  const a = otlpAlerts.find((x) => x.name === name)!;
  return { summary: a.summary, description: a.description };
};

/** Real Prometheus tooling (Debian's prometheus package; .ci/run installs it). */
const promtool = (args: string[], cwd: string) => spawnSync('promtool', args, { cwd, encoding: 'utf8' });

const chart = freshChart();
const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
const sel = 'namespace="observability", service="otlp-otlp-client", pod="otlp-0"';

function renderedRules(): unknown {
  const rule = parse(
    helmTemplate(chart, [
      '-s',
      'templates/prometheusrule.yaml',
      '--api-versions',
      'monitoring.coreos.com/v1/PrometheusRule',
      '--set',
      'monitoring.prometheusRule.enabled=true',
    ]),
  );
  return { groups: rule.spec.groups };
}

describe('the chart’s PrometheusRule, checked and unit-tested by promtool', () => {
  beforeAll(() => {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    writeFileSync(join(dir, 'rules.yaml'), stringify(renderedRules()));
  });

  it('is valid Prometheus rule syntax with the deployment plan’s four alerts', () => {
    const r = promtool(['check', 'rules', 'rules.yaml'], dir);
    expect(r.stdout + r.stderr).toContain('SUCCESS: 4 rules found');
    expect(r.status).toBe(0);
  });

  it('fires each alert on the failure it describes and stays quiet on a healthy agent', () => {
    const at = (minutes: number, alertname: string, severity: string, exp: boolean) => ({
      eval_time: `${minutes}m`,
      alertname,
      exp_alerts: exp
        ? [
            {
              // Every alert names the pod: what a runbook starts from.
              exp_labels: {
                severity,
                namespace: 'observability',
                service: 'otlp-otlp-client',
                pod: 'otlp-0',
              },
              exp_annotations: annotations(alertname),
            },
          ]
        : [],
    });
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '15s',
      tests: [
        {
          // Failing: the pod is down, half the exports fail, the breaker is open.
          interval: '15s',
          input_series: [
            { series: `up{${sel}}`, values: '0x40' },
            { series: `${m.requestsTotal}{${sel}}`, values: '0+10x40' },
            { series: `${m.requestsFailedTotal}{${sel}}`, values: '0+5x40' },
            { series: `${m.circuitBreakerState}{${sel}}`, values: '1x40' },
          ],
          alert_rule_test: [
            at(5, 'OTLPClientDown', 'critical', true),
            at(5, 'OTLPClientHighErrorRate', 'warning', true),
            at(5, 'OTLPClientCircuitBreakerOpen', 'critical', true),
            at(5, 'OTLPClientHighLatency', 'warning', false),
          ],
        },
        {
          // Healthy: up, 1% failures, breaker closed, fast exports.
          interval: '15s',
          input_series: [
            { series: `up{${sel}}`, values: '1x40' },
            { series: `${m.requestsTotal}{${sel}}`, values: '0+100x40' },
            { series: `${m.requestsFailedTotal}{${sel}}`, values: '0+1x40' },
            { series: `${m.circuitBreakerState}{${sel}}`, values: '0x40' },
            { series: `${m.requestDurationSeconds}_bucket{${sel}, le="0.1"}`, values: '0+100x40' },
            { series: `${m.requestDurationSeconds}_bucket{${sel}, le="+Inf"}`, values: '0+100x40' },
          ],
          alert_rule_test: [
            'OTLPClientDown',
            'OTLPClientHighErrorRate',
            'OTLPClientCircuitBreakerOpen',
            'OTLPClientHighLatency',
          ].map((a) => at(8, a, '', false)),
        },
        {
          // Slow: every export takes more than a second.
          interval: '15s',
          input_series: [
            { series: `${m.requestDurationSeconds}_bucket{${sel}, le="1"}`, values: '0x40' },
            { series: `${m.requestDurationSeconds}_bucket{${sel}, le="5"}`, values: '0+100x40' },
            { series: `${m.requestDurationSeconds}_bucket{${sel}, le="+Inf"}`, values: '0+100x40' },
          ],
          alert_rule_test: [at(8, 'OTLPClientHighLatency', 'warning', true)],
        },
      ],
    };
    writeFileSync(join(dir, 'tests.yaml'), stringify(tests));
    const r = promtool(['test', 'rules', 'tests.yaml'], dir);
    expect(r.stdout + r.stderr).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});

describe('the Grafana dashboard', () => {
  it('queries only valid PromQL (each panel expression checked by promtool as a recording rule)', () => {
    const dashboard = JSON.parse(readFileSync(join(chart, 'dashboards', 'otlp-client.json'), 'utf8'));
    const exprs: string[] = dashboard.panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));
    expect(exprs.length).toBeGreaterThanOrEqual(12);
    const rules = exprs.map((expr, i) => ({
      record: `dashboard:panel_${i}`,
      expr: expr.replace(/\$__(rate_interval|range)/g, '5m').replace(/\$(namespace|service|pod)/g, 'x'),
    }));
    writeFileSync(join(dir, 'dashboard-rules.yaml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
    const r = promtool(['check', 'rules', 'dashboard-rules.yaml'], dir);
    expect(r.stdout + r.stderr).toContain(`SUCCESS: ${exprs.length} rules found`);
  });
});
