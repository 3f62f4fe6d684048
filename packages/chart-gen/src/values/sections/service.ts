import { bool, free, int, obj, str, stringMap } from '../dsl.js';

export const service = obj('Service exposing the health/metrics and OTLP ports (ClusterIP by default).', {
  type: str({
    description: 'Service type.',
    default: 'ClusterIP',
    enum: ['ClusterIP', 'NodePort', 'LoadBalancer'],
  }),
  annotations: stringMap('Service annotations.'),
  ports: obj('Service ports (target ports are the container ports named http, grpc and http-otlp).', {
    http: int({ description: 'Health and metrics port.', default: 8080, minimum: 1, maximum: 65535 }),
    grpc: int({ description: 'OTLP/gRPC port.', default: 4317, minimum: 1, maximum: 65535 }),
    httpOtlp: int({ description: 'OTLP/HTTP port.', default: 4318, minimum: 1, maximum: 65535 }),
  }),
  internalTrafficPolicy: str({
    description:
      "Where in-cluster traffic to the Service goes: Cluster (any agent) or Local (the agent on the sender's node only). Empty means Local in daemonset mode and Cluster in deployment mode.",
    default: '',
    enum: ['', 'Cluster', 'Local'],
  }),
  trafficDistribution: str({
    description:
      'Preference among the endpoints (Kubernetes 1.31+; left out on older clusters): PreferClose keeps traffic in the zone. Empty for none.',
    default: '',
    enum: ['', 'PreferClose'],
  }),
  externalTrafficPolicy: str({
    description:
      'NodePort and LoadBalancer only: Local keeps the client source IP and skips the second hop. Empty for the default (Cluster).',
    default: '',
    enum: ['', 'Cluster', 'Local'],
  }),
  loadBalancerClass: str({
    description: 'LoadBalancer only: the load balancer implementation; empty for the default.',
    default: '',
  }),
  loadBalancerSourceRanges: free({
    description: 'LoadBalancer only: client CIDRs allowed through the load balancer.',
    default: [],
    typeLabel: 'list',
    examples: [['10.0.0.0/8']],
    schema: {
      type: 'array',
      items: { type: 'string', pattern: '^[0-9a-fA-F:.]+/[0-9]{1,3}$' },
    },
  }),
  headless: obj('A headless Service for client-side gRPC load balancing (dns:/// resolvers see every pod).', {
    enabled: bool({ description: 'Create the headless Service.', default: true }),
  }),
});
