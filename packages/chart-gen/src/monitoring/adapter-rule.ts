import { otlpMetricNames as m } from '@otlp-kit/otlp-client';

/**
 * The prometheus-adapter rule that serves the HPA's pods metric otlp_requests_per_second: the
 * rate of OTLP export requests the agent's receivers take in (what "requests per second" means for
 * scaling an agent), per pod. `<<.Series>>`, `<<.LabelMatchers>>` and `<<.GroupBy>>` are
 * prometheus-adapter's own template fields; `rateWindow` is a Helm action.
 */
export function requestsPerSecondRule(rateWindow: string) {
  return {
    seriesQuery: `${m.receiverRequestsTotal}{namespace!="",pod!=""}`,
    resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
    name: { matches: `^${m.receiverRequestsTotal}$`, as: m.requestsPerSecond },
    metricsQuery: `sum(rate(<<.Series>>{<<.LabelMatchers>>}[${rateWindow}])) by (<<.GroupBy>>)`,
  };
}
