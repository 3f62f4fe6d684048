// What the chart says about monitoring, rendered by real Helm with the given values: the
// PrometheusRule's groups, the ServiceMonitor's scrape endpoint (as a Prometheus scrape job, since
// no Prometheus Operator runs here), the Grafana dashboard, the prometheus-adapter rule, and the
// agent's config.toml and memory limit.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const YAML = require('yaml');

const root = join(__dirname, '..', '..', '..');
const helm = join(root, 'tools', 'bin', 'helm');
const chart = join(root, 'charts', 'otlp-client');
const apis = ['monitoring.coreos.com/v1/ServiceMonitor', 'monitoring.coreos.com/v1/PrometheusRule'];

/** Operator RelabelConfig (camelCase) → Prometheus relabel_config (snake_case). */
function relabel(config) {
  const keys = { sourceLabels: 'source_labels', targetLabel: 'target_label' };
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [keys[k] ?? k, k === 'action' ? String(v).toLowerCase() : v]),
  );
}

function renderChartMonitoring(release, namespace, sets) {
  const out = execFileSync(
    helm,
    [
      'template',
      release,
      chart,
      '-n',
      namespace,
      ...apis.flatMap((a) => ['--api-versions', a]),
      ...sets.flatMap((s) => ['--set', s]),
    ],
    { encoding: 'utf8' },
  );
  const objects = YAML.parseAllDocuments(out)
    .map((d) => d.toJS())
    .filter(Boolean);
  const find = (kind, test = () => true) => objects.find((o) => o.kind === kind && test(o));
  const rule = find('PrometheusRule');
  const monitor = find('ServiceMonitor');
  const service = find('Service', (o) => !o.metadata.name.endsWith('-headless'));
  const dashboard = find('ConfigMap', (o) => Object.keys(o.data ?? {}).some((k) => k.endsWith('.json')));
  const adapter = find('ConfigMap', (o) => o.metadata.name.endsWith('-prometheus-adapter-rules'));
  const config = find('ConfigMap', (o) => o.data?.['config.toml']);
  const deployment = find('Deployment');
  if (!rule || !monitor || !service || !dashboard || !adapter || !config || !deployment)
    throw new Error(
      'the chart did not render a PrometheusRule, ServiceMonitor, dashboard, adapter rule and config',
    );
  const endpoint = monitor.spec.endpoints[0];
  const memory = deployment.spec.template.spec.containers[0].resources.limits.memory;
  return {
    service: service.metadata.name,
    groups: rule.spec.groups,
    scrape: {
      metrics_path: endpoint.path,
      scrape_interval: endpoint.interval,
      scrape_timeout: endpoint.scrapeTimeout,
      ...(endpoint.relabelings ? { relabel_configs: endpoint.relabelings.map(relabel) } : {}),
      ...(endpoint.metricRelabelings
        ? { metric_relabel_configs: endpoint.metricRelabelings.map(relabel) }
        : {}),
    },
    dashboard: JSON.parse(Object.values(dashboard.data).find((v) => v.trim().startsWith('{'))),
    adapterRules: YAML.parse(adapter.data['config.yaml']).rules,
    configToml: config.data['config.toml'],
    memoryLimitBytes: bytes(memory),
  };
}

function bytes(quantity) {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(String(quantity));
  if (!m) throw new Error(`memory limit ${quantity}: not a quantity this test reads`);
  return Number(m[1]) * { Ki: 1024, Mi: 1048576, Gi: 1073741824, '': 1 }[m[2] ?? ''];
}

module.exports = { renderChartMonitoring };
