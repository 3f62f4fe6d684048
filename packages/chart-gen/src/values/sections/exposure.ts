import { bool, free, int, obj, objectList, str, stringMap } from '../dsl.js';

/** RBAC PolicyRules without the verbs that grant more than reading and writing (*, escalate, bind, impersonate). */
const policyRules = (description: string, dflt: unknown[]) =>
  free({
    description,
    default: dflt,
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
            minItems: 1,
            items: { type: 'string', not: { enum: ['*', 'escalate', 'bind', 'impersonate'] } },
          },
          resourceNames: { type: 'array', items: { type: 'string' } },
        },
        required: ['verbs'],
        additionalProperties: false,
      },
    },
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
  extraIngress: objectList(
    'Extra ingress rules (NetworkPolicyIngressRule objects), e.g. for a sender the other lists do not cover.',
  ),
  extraEgress: objectList(
    'Extra egress rules (NetworkPolicyEgressRule objects), e.g. to a token endpoint for OTLP auth.',
    [],
    [[{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }] }]],
  ),
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
    rules: policyRules('Rules of the Role (least privilege: read pods of the namespace).', [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
    ]),
    clusterRole: obj(
      'A ClusterRole and ClusterRoleBinding, for Kubernetes attributes of pods in every namespace (as the Collector k8sattributes processor reads them). Off by default.',
      {
        create: bool({
          description: 'Create the ClusterRole and its binding; the token is then mounted.',
          default: false,
        }),
        rules: policyRules('Rules of the ClusterRole (read-only: pods, namespaces, nodes and ReplicaSets).', [
          { apiGroups: [''], resources: ['pods', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
          { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
        ]),
      },
    ),
  },
);

export const namespace = obj('Optionally create the release namespace with Pod Security Admission labels.', {
  create: bool({
    description:
      "Create the release Namespace with the Pod Security labels. Helm 4: install with --create-namespace (Helm makes the namespace for its release record, then applies the chart's Namespace over it, server-side); uninstalling keeps the namespace (helm.sh/resource-policy: keep). Helm 3 refuses to take over a namespace it did not create through the chart: there, create and label the namespace beforehand and leave this off.",
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
