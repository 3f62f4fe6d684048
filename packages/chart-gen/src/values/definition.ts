import { bool, free, int, obj, str } from './dsl.js';
import type { ObjectNode } from './dsl.js';
import { agentConfig } from './sections/agent-config.js';
import { monitoring } from './sections/monitoring.js';
import { autoscaling, podDisruptionBudget, verticalPodAutoscaler } from './sections/scaling.js';
import { namespace, networkPolicy, rbac, service, serviceAccount } from './sections/exposure.js';
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
export const chartValues: ObjectNode = obj(
  'Values of the otlp-client chart.',
  {
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
    replicaCount: int({ description: 'Replicas when autoscaling is disabled.', default: 3, minimum: 0 }),
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
    service,
    serviceAccount,
    rbac,
    networkPolicy,
    autoscaling,
    verticalPodAutoscaler,
    podDisruptionBudget,
    monitoring,
    namespace,
    config: agentConfig,
  },
  {
    // HPA and VPA must not both act on CPU/memory: with an HPA on either, the VPA must only recommend.
    if: {
      properties: {
        autoscaling: {
          properties: { enabled: { const: true } },
          anyOf: [
            { properties: { targetCPUUtilizationPercentage: { exclusiveMinimum: 0 } } },
            { properties: { targetMemoryUtilizationPercentage: { exclusiveMinimum: 0 } } },
          ],
        },
        verticalPodAutoscaler: { properties: { enabled: { const: true } } },
      },
    },
    then: {
      properties: {
        verticalPodAutoscaler: {
          properties: {
            updateMode: {
              const: 'Off',
              description:
                'With autoscaling.enabled, the VPA may only recommend (updateMode Off): HPA and VPA would fight over CPU/memory.',
            },
          },
        },
      },
    },
  },
);
