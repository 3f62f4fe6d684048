import { bool, free, int, intOrPercent, obj, quantity, str } from '../dsl.js';

export const autoscaling = obj(
  'HorizontalPodAutoscaler (autoscaling/v2) of the Deployment (deployment mode only): scales between minReplicas and maxReplicas on CPU, memory and optionally the pods metric otlp_requests_per_second. At least one metric must be on.',
  {
    enabled: bool({ description: 'Create the HPA; replicaCount is then ignored.', default: true }),
    minReplicas: int({ description: 'Fewest replicas.', default: 3, minimum: 1 }),
    maxReplicas: int({ description: 'Most replicas.', default: 10, minimum: 1 }),
    targetCPUUtilizationPercentage: int({
      description: 'Target average CPU utilization; 0 disables the CPU metric.',
      default: 70,
      minimum: 0,
      maximum: 100,
    }),
    targetMemoryUtilizationPercentage: int({
      description: 'Target average memory utilization; 0 disables the memory metric.',
      default: 80,
      minimum: 0,
      maximum: 100,
    }),
    requestsPerSecond: obj(
      'Pods metric otlp_requests_per_second (needs a metrics adapter such as prometheus-adapter).',
      {
        enabled: bool({ description: 'Scale on the pods metric too.', default: false }),
        averageValue: str({
          description: 'Target average per pod.',
          default: '100',
          pattern: '^[0-9]+(\\.[0-9]+)?[mkMG]?$',
        }),
        adapterRule: obj(
          "A ConfigMap with the prometheus-adapter rule that serves this metric from the agent's otlp_receiver_requests_total (rendered only with the pods metric on). kube-prometheus-stack users: add its rule to the prometheus-adapter chart's rules.custom, or mount the ConfigMap as the adapter's config.",
          {
            enabled: bool({
              description: 'Render the rule ConfigMap when the pods metric is on.',
              default: true,
            }),
            rateWindow: str({
              description: 'Range of the rate() the adapter computes (at least four scrape intervals).',
              default: '2m',
              pattern: '^([0-9]+(ms|s|m|h))+$',
            }),
          },
        ),
      },
    ),
    behavior: free({
      description:
        "HPA scaling behavior (scaleUp / scaleDown policies and stabilization windows, as autoscaling/v2 defines them); empty for Kubernetes' defaults.",
      default: {},
      typeLabel: 'object',
      examples: [
        {
          scaleDown: {
            stabilizationWindowSeconds: 600,
            policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }],
          },
        },
      ],
      schema: {
        type: 'object',
        properties: {
          scaleUp: {
            type: 'object',
            description:
              'HPAScalingRules for scaling up (policies, selectPolicy, stabilizationWindowSeconds).',
          },
          scaleDown: {
            type: 'object',
            description:
              'HPAScalingRules for scaling down; a longer stabilizationWindowSeconds avoids flapping.',
          },
        },
        additionalProperties: false,
      },
    }),
  },
);

export const verticalPodAutoscaler = obj(
  'VerticalPodAutoscaler (autoscaling.k8s.io/v1; needs the VPA CRDs). Refused together with an HPA on CPU/memory unless updateMode is Off.',
  {
    enabled: bool({ description: 'Create the VPA (only when the API is available).', default: false }),
    updateMode: str({
      description: 'VPA update mode.',
      default: 'Auto',
      enum: ['Off', 'Initial', 'Recreate', 'InPlaceOrRecreate', 'Auto'],
    }),
    minAllowed: obj('Lower bound of the VPA recommendations for the agent container.', {
      cpu: quantity({ description: 'Lowest CPU the VPA may set.', default: '100m' }),
      memory: quantity({ description: 'Lowest memory the VPA may set.', default: '128Mi' }),
    }),
    maxAllowed: obj('Upper bound of the VPA recommendations for the agent container.', {
      cpu: quantity({ description: 'Highest CPU the VPA may set.', default: '1000m' }),
      memory: quantity({ description: 'Highest memory the VPA may set.', default: '1Gi' }),
    }),
  },
);

export const podDisruptionBudget = obj(
  'PodDisruptionBudget, created when more than one replica runs (deployment mode only).',
  {
    enabled: bool({ description: 'Create the PDB (only with more than one replica).', default: true }),
    minAvailable: intOrPercent({
      description:
        'Pods that must stay up during voluntary disruptions (e.g. 2 or 50%); when set it replaces maxUnavailable. Empty for unset.',
      default: '',
      allowEmpty: true,
      examples: [2, '50%'],
    }),
    maxUnavailable: int({
      description: 'Pods that may be down at once during voluntary disruptions.',
      default: 1,
      minimum: 1,
    }),
  },
);
