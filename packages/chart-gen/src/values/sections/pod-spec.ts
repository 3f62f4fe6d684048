import { bool, free, objectList, str } from '../dsl.js';

/** Pod-level settings passed through to the pod spec as Kubernetes defines them. */
export const podSpec = {
  initContainers: objectList(
    'Init containers run before the agent (Kubernetes Container objects). They get no securityContext from the chart: set a restricted one, or policy-lint reports them.',
    [],
  ),
  extraContainers: objectList(
    'Sidecar containers next to the agent (Kubernetes Container objects), e.g. an auth proxy. Same securityContext note as initContainers.',
    [],
  ),
  hostAliases: objectList(
    'Extra /etc/hosts entries of the pods.',
    [],
    [[{ ip: '10.0.0.10', hostnames: ['collector.internal'] }]],
  ),
  dnsPolicy: str({
    description: "Pod DNS policy; empty means Kubernetes' default (ClusterFirst).",
    default: '',
    enum: ['', 'ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
  }),
  dnsConfig: free({
    description:
      'Pod DNS config (nameservers, searches, options), e.g. ndots: "2" to cut lookups of outside upstreams.',
    default: {},
    typeLabel: 'object',
    examples: [{ options: [{ name: 'ndots', value: '2' }] }],
    schema: {
      type: 'object',
      properties: {
        nameservers: {
          type: 'array',
          description: 'DNS servers of the pods (with dnsPolicy None, the only ones).',
          items: { type: 'string' },
        },
        searches: {
          type: 'array',
          description: 'DNS search domains added to the pods.',
          items: { type: 'string' },
        },
        options: {
          type: 'array',
          description: 'resolv.conf options (name and optional value), e.g. ndots.',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, value: { type: 'string' } },
            required: ['name'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
  }),
  runtimeClassName: str({
    description: 'RuntimeClass of the pods (e.g. gvisor); empty for the default.',
    default: '',
  }),
  shareProcessNamespace: bool({
    description: 'Share one process namespace between the containers of a pod (for debugging sidecars).',
    default: false,
  }),
};
