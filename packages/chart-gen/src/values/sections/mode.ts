import { bool, int, intOrPercent, obj, str } from '../dsl.js';

/**
 * How the agent runs: a Deployment behind a Service (the default), or a DaemonSet with one agent
 * per node that applications on the node reach locally. A StatefulSet is not offered: the agent
 * keeps no state that outlives a pod and needs no stable identity (its queue is in memory and is
 * drained on stop).
 */
export const mode = str({
  description:
    'Workload kind: deployment (replicas behind a Service, autoscaled by the HPA) or daemonset (one agent per node; the Service keeps traffic on the node, internalTrafficPolicy Local, and daemonset.hostPorts can expose the OTLP ports on the node IP). replicaCount, autoscaling and podDisruptionBudget apply to deployment mode only.',
  default: 'deployment',
  enum: ['deployment', 'daemonset'],
});

export const rollout = obj(
  'How pods are replaced on upgrade: a Deployment surges new pods before old ones stop; a DaemonSet replaces one node at a time.',
  {
    strategy: str({
      description:
        'RollingUpdate (both modes), Recreate (deployment only: every pod stops first) or OnDelete (daemonset only: a pod is replaced when you delete it).',
      default: 'RollingUpdate',
      enum: ['RollingUpdate', 'Recreate', 'OnDelete'],
    }),
    maxSurge: intOrPercent({
      description:
        'Pods above the desired count during a rolling update; empty means 25% for a Deployment and 0 for a DaemonSet.',
      default: '',
      allowEmpty: true,
      examples: ['25%', 1],
    }),
    maxUnavailable: intOrPercent({
      description:
        'Pods below the desired count during a rolling update; empty means 0 for a Deployment (no capacity lost) and 1 for a DaemonSet.',
      default: '',
      allowEmpty: true,
      examples: [0, '10%'],
    }),
  },
);

export const revisionHistoryLimit = int({
  description: 'Old ReplicaSets (or DaemonSet revisions) kept for rollback.',
  default: 5,
  minimum: 0,
});

export const daemonset = obj('Settings of daemonset mode.', {
  hostPorts: obj(
    "Expose the OTLP ports on each node's IP, so applications send to $(NODE_IP):4317 without a Service. Off by default: hostPort fails the baseline Pod Security Standard (policy-lint reports it) and pins the port on every node.",
    {
      enabled: bool({
        description: 'Add hostPort to the OTLP container ports (daemonset mode only).',
        default: false,
      }),
      grpc: int({ description: 'Node port for OTLP/gRPC.', default: 4317, minimum: 1, maximum: 65535 }),
      httpOtlp: int({ description: 'Node port for OTLP/HTTP.', default: 4318, minimum: 1, maximum: 65535 }),
    },
  ),
});
