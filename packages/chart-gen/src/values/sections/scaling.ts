import { bool, free, int, obj, str } from '../dsl.js';

export const autoscaling = obj('HorizontalPodAutoscaler (autoscaling/v2).', {
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
    },
  ),
});

export const verticalPodAutoscaler = obj(
  'VerticalPodAutoscaler (autoscaling.k8s.io/v1; needs the VPA CRDs). Refused together with an HPA on CPU/memory unless updateMode is Off.',
  {
    enabled: bool({ description: 'Create the VPA (only when the API is available).', default: false }),
    updateMode: str({
      description: 'VPA update mode.',
      default: 'Auto',
      enum: ['Off', 'Initial', 'Recreate', 'InPlaceOrRecreate', 'Auto'],
    }),
    minAllowed: free({
      description: 'Lower bound of recommendations.',
      default: { cpu: '100m', memory: '128Mi' },
      typeLabel: 'object',
      schema: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    }),
    maxAllowed: free({
      description: 'Upper bound of recommendations.',
      default: { cpu: '1000m', memory: '1Gi' },
      typeLabel: 'object',
      schema: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    }),
  },
);

export const podDisruptionBudget = obj('PodDisruptionBudget, created when more than one replica runs.', {
  enabled: bool({ description: 'Create the PDB (only with more than one replica).', default: true }),
  maxUnavailable: int({
    description: 'Pods that may be down at once during voluntary disruptions.',
    default: 1,
    minimum: 1,
  }),
});
