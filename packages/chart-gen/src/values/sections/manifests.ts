import { free, obj, str } from '../dsl.js';

export const configMap = obj("The agent's config.toml ConfigMap.", {
  existingName: str({
    description:
      'Mount this ConfigMap (key config.toml) instead of rendering one from config. config.* still sets what the chart derives from it (container ports, probes, NetworkPolicy egress, the terminationGracePeriodSeconds check), so keep the two in agreement; the pods do not roll when that ConfigMap changes.',
    default: '',
    pattern: '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$',
  }),
});

export const extraManifests = free({
  description:
    'Extra objects rendered with the release: Kubernetes objects, or strings rendered with tpl (so they can use {{ .Release.Namespace }} and the like).',
  default: [],
  typeLabel: 'list',
  examples: [
    [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'otlp-auth' }, stringData: { headers: 'x' } }],
  ],
  schema: {
    type: 'array',
    items: {
      anyOf: [
        { type: 'object', required: ['apiVersion', 'kind', 'metadata'] },
        { type: 'string', minLength: 1 },
      ],
    },
  },
});
