import { otlpAlerts } from '../monitoring/alerts.js';
import { requestsPerSecondRule } from '../monitoring/adapter-rule.js';
import { stringify } from 'yaml';
import { agentConfig } from '../values/sections/agent-config.js';
import { chartValues } from '../values/definition.js';
import { planAliasCopies } from '../values/plan-aliases.js';
import { configTomlTemplate } from './config-toml.js';
import { otlpMetricNames, signalNames, signalSpecs } from '@otlp-kit/otlp-client';

export const chartName = 'otlp-client';

/** The agent's ports: container port from the agent config, Service port from service.ports. */
export const chartPorts = [
  {
    name: 'http',
    containerPortValue: 'config.monitoring.port',
    serviceKey: 'http',
    appProtocol: 'http',
    otlp: false,
  },
  {
    name: 'grpc',
    containerPortValue: 'config.receivers.grpc.port',
    serviceKey: 'grpc',
    appProtocol: 'grpc',
    otlp: true,
  },
  {
    name: 'http-otlp',
    containerPortValue: 'config.receivers.http.port',
    serviceKey: 'httpOtlp',
    appProtocol: 'http',
    otlp: true,
  },
] as const;

/** Pod identity from the downward API (the agent adds them as k8s.* resource attributes). */
export const downwardApiEnv = [
  { env: 'POD_NAME', fieldPath: 'metadata.name' },
  { env: 'POD_NAMESPACE', fieldPath: 'metadata.namespace' },
  { env: 'NODE_NAME', fieldPath: 'spec.nodeName' },
] as const;

/** Container resources from the downward API, as env (the agent reports its memory limit). */
export const resourceEnv = [{ env: 'MEMORY_LIMIT_BYTES', resource: 'limits.memory' }] as const;

/** APIs of the optional CRDs, as .Capabilities.APIVersions.Has expects them. */
export const crdApis = {
  serviceMonitor: 'monitoring.coreos.com/v1/ServiceMonitor',
  prometheusRule: 'monitoring.coreos.com/v1/PrometheusRule',
  verticalPodAutoscaler: 'autoscaling.k8s.io/v1/VerticalPodAutoscaler',
  podMonitor: 'monitoring.coreos.com/v1/PodMonitor',
  httpRoute: 'gateway.networking.k8s.io/v1/HTTPRoute',
  grpcRoute: 'gateway.networking.k8s.io/v1/GRPCRoute',
} as const;

/** What the Gateway API routes match: the agent's OTLP/HTTP paths and OTLP/gRPC services. */
export const otlpRoutes = signalNames.map((signal) => ({
  httpPath: signalSpecs[signal].httpPath,
  grpcService: signalSpecs[signal].grpcPath.split('/')[1],
}));

/** The prometheus-adapter rule as YAML, its rate window a Helm action (printf keeps [ ] apart from [[ ]]). */
function adapterRulesYaml(): string {
  const rule = requestsPerSecondRule('%s');
  const metricsQuery = `[[ printf ${JSON.stringify(rule.metricsQuery)} .Values.autoscaling.requestsPerSecond.adapterRule.rateWindow ]]`;
  return stringify([{ ...rule, metricsQuery }], { lineWidth: 0 });
}

/** Generation-time data every chart template may use. */
export function templateContext() {
  return {
    chart: { name: chartName },
    ports: chartPorts,
    downwardApi: downwardApiEnv,
    resourceEnv,
    probes: [
      { kind: 'liveness', values: 'liveness' },
      { kind: 'readiness', values: 'readiness' },
      { kind: 'startup', values: 'startup' },
    ],
    metrics: otlpMetricNames,
    crd: crdApis,
    routes: otlpRoutes,
    planAliases: planAliasCopies(chartValues),
    alerts: otlpAlerts,
    adapterRules: adapterRulesYaml(),
    configToml: configTomlTemplate(agentConfig),
  };
}
