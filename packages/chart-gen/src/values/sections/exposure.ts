import { bool, free, int, obj, str, stringMap } from '../dsl.js';

export const service = obj('ClusterIP Service exposing the health/metrics and OTLP ports.', {
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
  headless: obj('A headless Service for client-side gRPC load balancing (dns:/// resolvers see every pod).', {
    enabled: bool({ description: 'Create the headless Service.', default: true }),
  }),
});

const peers = (description: string, dflt: unknown[]) =>
  free({
    description,
    default: dflt,
    typeLabel: 'list',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          podSelector: { type: 'object' },
          namespaceSelector: { type: 'object' },
          ipBlock: { type: 'object' },
        },
        additionalProperties: false,
      },
    },
  });

export const networkPolicy = obj('NetworkPolicy for the agent pods (ingress and egress isolated).', {
  enabled: bool({ description: 'Create the NetworkPolicy.', default: true }),
  otlpFrom: peers(
    'Peers allowed to send OTLP (4317/4318). Default: pods of the release namespace and of istio-system.',
    [
      { podSelector: {} },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } },
    ],
  ),
  metricsFrom: peers('Peers allowed to scrape the health/metrics port. Default: the monitoring namespace.', [
    { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
  ]),
  upstream: obj('Egress to the upstream OTLP endpoint (by default derived from config.otlp.endpoint).', {
    to: peers(
      "Where the upstream runs. Empty: derived from the endpoint's host (name.namespace[.svc…] → that namespace; a bare name → the release namespace; an outside host or an IP → any destination on the port).",
      [],
    ),
    port: int({
      description:
        "Upstream port; 0 means the endpoint's port (or 443/80 for https/http without one). NOTES warns when it differs from the endpoint's.",
      default: 0,
      minimum: 0,
      maximum: 65535,
    }),
  }),
  dns: obj('Egress to cluster DNS on UDP and TCP 53.', {
    namespace: str({ description: 'Namespace of the cluster DNS pods.', default: 'kube-system' }),
    podLabels: stringMap('Labels of the cluster DNS pods.', { 'k8s-app': 'kube-dns' }),
  }),
});

export const serviceAccount = obj('ServiceAccount of the agent.', {
  create: bool({ description: 'Create a dedicated ServiceAccount.', default: true }),
  name: str({ description: 'Name; empty means the release fullname.', default: '' }),
  annotations: stringMap('ServiceAccount annotations (e.g. workload identity).'),
});

export const rbac = obj(
  'Namespaced Role for Kubernetes metadata enrichment (off by default: the agent needs no API access).',
  {
    create: bool({
      description: 'Create a Role and RoleBinding; the token is then mounted.',
      default: false,
    }),
    rules: free({
      description: 'Rules of the Role (least privilege: read pods of the namespace).',
      default: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      typeLabel: 'list',
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            apiGroups: { type: 'array', items: { type: 'string' } },
            resources: { type: 'array', items: { type: 'string' } },
            verbs: {
              type: 'array',
              items: { type: 'string', not: { enum: ['*', 'escalate', 'bind', 'impersonate'] } },
            },
            resourceNames: { type: 'array', items: { type: 'string' } },
          },
          required: ['verbs'],
          additionalProperties: false,
        },
      },
    }),
  },
);

export const namespace = obj('Optionally create the release namespace with Pod Security Admission labels.', {
  create: bool({
    description: 'Create the Namespace object (install with --namespace of the same name).',
    default: false,
  }),
  podSecurity: obj('Pod Security Admission labels of the Namespace.', {
    enforce: str({
      description: 'Enforced level.',
      default: 'restricted',
      enum: ['privileged', 'baseline', 'restricted'],
    }),
    version: str({
      description: 'Policy version (v1.N or latest).',
      default: 'latest',
      pattern: '^(latest|v1\\.[0-9]+)$',
    }),
  }),
});
