import { bool, free, obj, objectList, str, stringMap } from '../dsl.js';

const hostnames = (what: string) =>
  free({
    description: `Hostnames the ${what} answers for; empty matches every host of the Gateway listener.`,
    default: [],
    typeLabel: 'list',
    examples: [['otlp.example.com']],
    schema: {
      type: 'array',
      items: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
    },
  });

const parentRefs = free({
  description:
    'Gateways the route attaches to (Gateway API ParentReference objects); at least one when enabled.',
  default: [],
  typeLabel: 'list',
  examples: [[{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }]],
  schema: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        group: { type: 'string' },
        kind: { type: 'string' },
        name: { type: 'string', minLength: 1 },
        namespace: { type: 'string' },
        sectionName: { type: 'string' },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
      },
      required: ['name'],
      additionalProperties: false,
    },
  },
});

const route = (kind: string, what: string) =>
  obj(`${kind} (gateway.networking.k8s.io/v1; rendered only when the API exists) routing ${what}.`, {
    enabled: bool({ description: `Create the ${kind}.`, default: false }),
    parentRefs,
    hostnames: hostnames(kind),
    annotations: stringMap(`${kind} annotations.`),
  });

/** OTLP from outside the cluster: an Ingress for OTLP/HTTP, Gateway API routes for both protocols. */
export const ingress = obj(
  'Ingress (networking.k8s.io/v1) for OTLP/HTTP from outside the cluster; every path goes to the http-otlp Service port. Allow the controller in networkPolicy.otlpFrom.',
  {
    enabled: bool({ description: 'Create the Ingress.', default: false }),
    className: str({
      description: 'IngressClass; empty for the cluster default.',
      default: '',
      examples: ['nginx'],
    }),
    annotations: stringMap('Ingress annotations (e.g. cert-manager.io/cluster-issuer).'),
    hosts: free({
      description: 'Hosts and paths (pathType Prefix, ImplementationSpecific or Exact).',
      default: [{ host: 'otlp.example.com', paths: [{ path: '/v1', pathType: 'Prefix' }] }],
      typeLabel: 'list',
      schema: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          properties: {
            host: { type: 'string', pattern: '^(\\*\\.)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
            paths: {
              type: 'array',
              minItems: 1,
              items: {
                type: 'object',
                properties: {
                  path: { type: 'string', pattern: '^/' },
                  pathType: { type: 'string', enum: ['Prefix', 'Exact', 'ImplementationSpecific'] },
                },
                required: ['path', 'pathType'],
                additionalProperties: false,
              },
            },
          },
          required: ['paths'],
          additionalProperties: false,
        },
      },
    }),
    tls: objectList(
      'TLS of the Ingress (IngressTLS objects: hosts and secretName).',
      [],
      [[{ hosts: ['otlp.example.com'], secretName: 'otlp-tls' }]],
    ),
  },
);

export const gatewayApi = obj(
  'Gateway API routes for OTLP from outside the cluster (needs the Gateway API CRDs and a Gateway). Allow the Gateway in networkPolicy.otlpFrom.',
  {
    httpRoute: route('HTTPRoute', 'OTLP/HTTP (/v1/traces, /v1/metrics, /v1/logs) to the http-otlp port'),
    grpcRoute: route('GRPCRoute', 'OTLP/gRPC to the grpc port'),
  },
);
