import { bool, free, int, obj, str } from './dsl.js';
import type { ObjectNode } from './dsl.js';
import { agentConfig } from './sections/agent-config.js';
import { monitoring } from './sections/monitoring.js';
import { autoscaling, podDisruptionBudget, verticalPodAutoscaler } from './sections/scaling.js';
import { namespace, networkPolicy, rbac, serviceAccount } from './sections/exposure.js';
import { gatewayApi, ingress } from './sections/ingress.js';
import { configMap, extraManifests } from './sections/manifests.js';
import { daemonset, mode, revisionHistoryLimit, rollout } from './sections/mode.js';
import { podSpec } from './sections/pod-spec.js';
import { service } from './sections/service.js';
import {
  containerSecurityContext,
  extras,
  image,
  podSecurityContext,
  probes,
  resources,
  scheduling,
} from './sections/workload.js';

/** The chart's values: the single source of truth for values.yaml, the schema and the README table. */
export const chartValues: ObjectNode = obj('Values of the otlp-client chart.', {
  enabled: bool({
    description:
      "Read by a parent chart's dependency condition (condition: otlp-client.enabled); the chart itself renders regardless.",
    default: true,
  }),
  global: free({
    description: 'Global values shared with parent charts (allowed so the chart works as a subchart).',
    default: {},
    typeLabel: 'object',
    schema: {
      type: 'object',
      additionalProperties: true,
      properties: {
        imageRegistry: {
          type: 'string',
          description:
            "Registry for the agent's image (a mirror): replaces image.repository's registry, or goes in front of a repository without one.",
          examples: ['registry.example.com'],
        },
      },
    },
  }),
  nameOverride: str({
    description: 'Replaces the chart name in object names.',
    default: '',
    pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$',
  }),
  fullnameOverride: str({
    description: 'Replaces the release-chart fullname.',
    default: '',
    pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$',
  }),
  mode,
  replicaCount: int({
    description: 'Replicas when autoscaling is disabled (deployment mode).',
    default: 3,
    minimum: 0,
  }),
  rollout,
  revisionHistoryLimit,
  daemonset,
  image,
  ...extras,
  logLevel: str({
    description: 'LOG_LEVEL of the agent (overrides config.logging.level).',
    default: 'info',
    enum: ['trace', 'debug', 'info', 'warn', 'error'],
  }),
  resources,
  probes,
  podSecurityContext,
  securityContext: containerSecurityContext,
  ...scheduling,
  ...podSpec,
  service,
  ingress,
  gatewayApi,
  serviceAccount,
  rbac,
  networkPolicy,
  autoscaling,
  verticalPodAutoscaler,
  podDisruptionBudget,
  monitoring,
  namespace,
  configMap,
  extraManifests,
  config: agentConfig,
});
