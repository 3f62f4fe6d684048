import { bool, free, int, obj, objectList, quantity, str, stringMap } from '../dsl.js';

export const image = obj('Container image of the agent.', {
  repository: str({
    description: 'Image repository.',
    default: 'ghcr.io/otlp-kit/otlp-client',
    minLength: 1,
  }),
  tag: str({
    description:
      'Image tag; empty means the chart appVersion. A number is taken as a tag (123 → "123"). A moving tag such as "latest" installs, with a warning in NOTES and a policy-lint finding: pin a version or a digest.',
    default: '',
    examples: ['0.1.0', 'latest'],
    schema: {
      type: ['string', 'integer'],
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$' },
      ],
    },
  }),
  digest: str({
    description: 'Image digest; when set it wins over the tag.',
    default: '',
    pattern: '^(sha256:[a-f0-9]{64})?$',
    examples: ['sha256:3f5c…'],
  }),
  pullPolicy: str({
    description: 'Image pull policy.',
    default: 'IfNotPresent',
    enum: ['IfNotPresent', 'Always', 'Never'],
  }),
});

export const resources = obj(
  'Container resources (100m/128Mi requests, 500m/512Mi limits, as the deployment plan sizes the agent). Each accepts "" for none: the field is left out.',
  {
    requests: obj('Resource requests.', {
      cpu: quantity({
        description: 'CPU request; empty string for none.',
        default: '100m',
        allowEmpty: true,
      }),
      memory: quantity({
        description: 'Memory request; empty string for none.',
        default: '128Mi',
        allowEmpty: true,
      }),
    }),
    limits: obj('Resource limits.', {
      cpu: quantity({
        description: 'CPU limit; empty string for none (no CPU throttling).',
        default: '500m',
        allowEmpty: true,
        examples: ['1', ''],
      }),
      memory: quantity({
        description:
          'Memory limit; empty string for none (policy-lint then reports the missing limit: a leak could take the node).',
        default: '512Mi',
        allowEmpty: true,
      }),
    }),
  },
);

const probe = (what: string, path: string, period: number, failure: number, initial: number) =>
  obj(`${what} probe.`, {
    path: str({ description: 'HTTP path on the health port.', default: path, pattern: '^/' }),
    initialDelaySeconds: int({
      description: 'Seconds before the first probe.',
      default: initial,
      minimum: 0,
    }),
    periodSeconds: int({ description: 'Seconds between probes.', default: period, minimum: 1 }),
    timeoutSeconds: int({ description: 'Probe timeout in seconds.', default: 2, minimum: 1 }),
    failureThreshold: int({
      description: 'Failures before the probe counts as failed.',
      default: failure,
      minimum: 1,
    }),
  });

export const probes = obj('Liveness, readiness and startup probes (HTTP on the health port).', {
  liveness: probe('Liveness', '/health', 10, 3, 0),
  readiness: probe('Readiness', '/ready', 5, 3, 0),
  startup: probe('Startup', '/health', 2, 15, 0),
});

export const podSecurityContext = obj('Pod securityContext; restricted Pod Security Standard by default.', {
  runAsNonRoot: bool({ description: 'Require a non-root user.', default: true }),
  runAsUser: int({ description: 'UID of the agent process (non-zero).', default: 10001, minimum: 1 }),
  runAsGroup: int({ description: 'GID of the agent process (non-zero).', default: 10001, minimum: 1 }),
  fsGroup: int({ description: 'Group owning mounted volumes.', default: 10001, minimum: 1 }),
  supplementalGroups: free({
    description: 'Extra groups of the agent process (e.g. to read a volume owned by another group).',
    default: [],
    typeLabel: 'list',
    examples: [[20000]],
    schema: { type: 'array', items: { type: 'integer', minimum: 1 } },
  }),
  seccompProfileType: str({
    description: 'Seccomp profile type.',
    default: 'RuntimeDefault',
    enum: ['RuntimeDefault', 'Localhost'],
  }),
});

export const containerSecurityContext = obj(
  'Container securityContext; restricted Pod Security Standard by default.',
  {
    readOnlyRootFilesystem: bool({
      description: 'Mount the root filesystem read-only (the agent writes only to /tmp, an emptyDir).',
      default: true,
    }),
    allowPrivilegeEscalation: free({
      description: 'Always false: the restricted Pod Security Standard requires it.',
      default: false,
      typeLabel: 'false',
      schema: { const: false },
    }),
    capabilities: obj('Linux capabilities; all are dropped.', {
      add: free({
        description:
          'Capabilities added back after dropping ALL. The restricted Pod Security Standard allows only NET_BIND_SERVICE (for OTLP ports below 1024); policy-lint reports any other.',
        default: [],
        typeLabel: 'list',
        examples: [['NET_BIND_SERVICE']],
        schema: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: '^(CAP_)?[A-Z_]+$' } },
      }),
    }),
  },
);

export const scheduling = {
  nodeSelector: stringMap('Node labels the pods must match.', { 'kubernetes.io/os': 'linux' }),
  tolerations: objectList(
    'Pod tolerations.',
    [],
    [[{ key: 'dedicated', operator: 'Equal', value: 'observability', effect: 'NoSchedule' }]],
  ),
  affinity: free({
    description: 'Pod affinity; when empty the chart adds preferred anti-affinity by hostname.',
    default: {},
    typeLabel: 'object',
    schema: { type: 'object' },
  }),
  topologySpreadConstraints: objectList(
    'Topology spread constraints; when empty the chart spreads across zones (ScheduleAnyway).',
  ),
  priorityClassName: str({ description: 'Priority class of the pods.', default: '' }),
  terminationGracePeriodSeconds: int({
    description:
      'Seconds from the preStop hook to SIGKILL: must be longer than config.lifecycle.pre_stop_delay + config.lifecycle.shutdown_grace (the chart refuses otherwise).',
    default: 30,
    minimum: 1,
  }),
};

export const extras = {
  podAnnotations: stringMap('Extra pod annotations.'),
  podLabels: stringMap('Extra pod labels.'),
  commonLabels: stringMap('Labels added to every object.'),
  imagePullSecrets: free({
    description: 'Image pull secrets: Secret names, or {name: …} objects as in a pod spec.',
    default: [],
    typeLabel: 'list',
    examples: [['registry-credentials'], [{ name: 'registry-credentials' }]],
    schema: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            properties: { name: { type: 'string', minLength: 1 } },
            required: ['name'],
            additionalProperties: false,
          },
        ],
      },
    },
  }),
  extraEnv: objectList(
    'Extra environment variables (Kubernetes EnvVar objects).',
    [],
    [
      [
        {
          name: 'OTEL_EXPORTER_OTLP_HEADERS',
          valueFrom: { secretKeyRef: { name: 'otlp-auth', key: 'headers' } },
        },
      ],
    ],
  ),
  extraEnvFrom: objectList(
    'Extra environment from ConfigMaps or Secrets (Kubernetes EnvFromSource objects).',
    [],
    [[{ secretRef: { name: 'otlp-agent-env' } }]],
  ),
  extraVolumes: objectList('Extra pod volumes.'),
  extraVolumeMounts: objectList('Extra volume mounts of the agent container.'),
};
