import type { Dashboard, Panel as GrafanaPanel } from '@grafana/schema';
import { otlpMetricNames as m } from '@otlp-kit/otlp-client';

export interface DashboardPanel {
  title: string;
  type: 'timeseries' | 'stat';
  unit: string;
  targets: { expr: string; legendFormat: string }[];
}

const sel = 'namespace="$namespace", service="$service", pod=~"$pod"';
const rate = (metric: string) => `rate(${metric}{${sel}}[$__rate_interval])`;

/** The plan's four panels (request rate, error rate, latency, breaker), then what operating it needs. */
export const dashboardPanels: readonly DashboardPanel[] = [
  {
    title: 'Export request rate',
    type: 'timeseries',
    unit: 'reqps',
    targets: [{ expr: `sum by (pod) (${rate(m.requestsTotal)})`, legendFormat: '{{pod}}' }],
  },
  {
    title: 'Export error rate',
    type: 'timeseries',
    unit: 'percentunit',
    targets: [
      {
        expr: `sum(${rate(m.requestsFailedTotal)}) / sum(${rate(m.requestsTotal)})`,
        legendFormat: 'failed / total',
      },
    ],
  },
  {
    title: 'Export latency',
    type: 'timeseries',
    unit: 's',
    targets: [0.5, 0.95, 0.99].map((q) => ({
      expr: `histogram_quantile(${q}, sum by (le) (${rate(`${m.requestDurationSeconds}_bucket`)}))`,
      legendFormat: `p${Math.round(q * 100)}`,
    })),
  },
  {
    title: 'Circuit breaker (0 closed, 1 open, 2 half-open)',
    type: 'stat',
    unit: 'none',
    targets: [{ expr: `max by (pod) (${m.circuitBreakerState}{${sel}})`, legendFormat: '{{pod}}' }],
  },
  {
    title: 'Incoming OTLP requests (the HPA pods metric)',
    type: 'timeseries',
    unit: 'reqps',
    targets: [{ expr: `sum by (pod) (${rate(m.receiverRequestsTotal)})`, legendFormat: '{{pod}}' }],
  },
  {
    title: 'Queue fill',
    type: 'timeseries',
    unit: 'percentunit',
    targets: [
      {
        expr: `max by (pod) (${m.queueItems}{${sel}} / ${m.queueCapacityItems}{${sel}})`,
        legendFormat: '{{pod}}',
      },
    ],
  },
  {
    title: 'Items dropped, by reason',
    type: 'timeseries',
    unit: 'short',
    targets: [{ expr: `sum by (reason) (${rate(m.itemsDroppedTotal)})`, legendFormat: '{{reason}}' }],
  },
  {
    title: 'Requests refused, by reason',
    type: 'timeseries',
    unit: 'reqps',
    targets: [
      { expr: `sum by (reason) (${rate(m.receiverRequestsRefusedTotal)})`, legendFormat: '{{reason}}' },
    ],
  },
  {
    title: 'Memory against the limit',
    type: 'timeseries',
    unit: 'percentunit',
    targets: [
      {
        expr: `max by (pod) (process_resident_memory_bytes{${sel}} / ${m.agentMemoryLimitBytes}{${sel}})`,
        legendFormat: '{{pod}}',
      },
    ],
  },
  {
    title: 'Restarts',
    type: 'stat',
    unit: 'none',
    // The agent's own start time: no kube-state-metrics needed.
    targets: [
      {
        expr: `sum by (pod) (changes(process_start_time_seconds{${sel}}[$__range]))`,
        legendFormat: '{{pod}}',
      },
    ],
  },
];

/** The Grafana dashboard of the deployment plan's §3 and what operating the agent needs, as JSON text (schemaVersion 39, Prometheus datasource variable). */
export function renderDashboard(title: string, uid: string, description: string): string {
  // Typed by Grafana's own dashboard model (@grafana/schema): a field Grafana does not know, or a
  // wrong type, fails the build.
  const dashboard: Dashboard = {
    title,
    uid,
    description,
    schemaVersion: 39,
    version: 1,
    editable: false,
    tags: ['otlp', 'opentelemetry'],
    time: { from: 'now-1h', to: 'now' },
    refresh: '30s',
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' },
        {
          name: 'namespace',
          type: 'query',
          datasource: { type: 'prometheus', uid: '$datasource' },
          query: `label_values(${m.requestsTotal}, namespace)`,
          refresh: 2,
        },
        {
          name: 'service',
          type: 'query',
          datasource: { type: 'prometheus', uid: '$datasource' },
          query: `label_values(${m.requestsTotal}{namespace="$namespace"}, service)`,
          refresh: 2,
        },
        {
          name: 'pod',
          type: 'query',
          datasource: { type: 'prometheus', uid: '$datasource' },
          query: `label_values(${m.requestsTotal}{namespace="$namespace", service="$service"}, pod)`,
          refresh: 2,
          multi: true,
          includeAll: true,
          allValue: '.*',
        },
      ],
    },
    panels: dashboardPanels.map((p, i): GrafanaPanel => ({
      id: i + 1,
      title: p.title,
      type: p.type,
      datasource: { type: 'prometheus', uid: '$datasource' },
      gridPos: { h: 8, w: 12, x: (i % 2) * 12, y: Math.floor(i / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: p.targets.map((t, j) => ({
        refId: String.fromCharCode(65 + j),
        expr: t.expr,
        legendFormat: t.legendFormat,
      })),
    })),
  };
  return JSON.stringify(dashboard, null, 2) + '\n';
}
