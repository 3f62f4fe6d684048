import { lint, restrictedPod, ruleIds, toYaml } from '../helpers';

type Obj = Record<string, any>;
const hardening = (...objects: object[]) => ruleIds(lint(toYaml(...objects), { only: ['hardening'] }));

function goodDeployment(replicas = 3): Obj {
  const pod = restrictedPod();
  Object.assign(pod.spec.containers[0], {
    ports: [{ name: 'http', containerPort: 8080 }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/health', port: 'http' } },
    readinessProbe: { httpGet: { path: '/ready', port: 8080 } },
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: 'ns' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'a' } },
      template: { metadata: { labels: { app: 'a' } }, spec: pod.spec },
    },
  };
}
const c0 = (d: Obj): Obj => d.spec.template.spec.containers[0];

describe('hardening rules', () => {
  it('a complete deployment passes', () => expect(hardening(goodDeployment())).toEqual([]));

  it.each<[string, (d: Obj) => void, string]>([
    ['no memory limit', (d) => delete c0(d).resources.limits, 'hardening-resources'],
    ['no resources', (d) => delete c0(d).resources, 'hardening-resources'],
    ['no liveness probe', (d) => delete c0(d).livenessProbe, 'hardening-probes'],
    [
      'probe on an undeclared named port',
      (d) => (c0(d).livenessProbe.httpGet.port = 'admin'),
      'hardening-probe-port',
    ],
    [
      'probe on an undeclared number',
      (d) => (c0(d).readinessProbe = { tcpSocket: { port: 9999 } }),
      'hardening-probe-port',
    ],
    ['latest tag', (d) => (c0(d).image = 'nginx:latest'), 'hardening-image-tag'],
    [
      'untagged image with a registry port',
      (d) => (c0(d).image = 'localhost:5000/app'),
      'hardening-image-tag',
    ],
    [
      'writable root filesystem',
      (d) => (c0(d).securityContext.readOnlyRootFilesystem = false),
      'hardening-read-only-root-fs',
    ],
  ])('%s', (_n, mutate, rule) => {
    const d = goodDeployment();
    mutate(d);
    expect(hardening(d)).toEqual([rule]);
  });

  it('digests and registry ports with tags are accepted', () => {
    for (const image of [
      'localhost:5000/app:1.2',
      'app@sha256:' + 'a'.repeat(64),
      'ghcr.io/x/y:latest@sha256:' + 'b'.repeat(64),
    ]) {
      const d = goodDeployment();
      c0(d).image = image;
      expect(hardening(d)).toEqual([]);
    }
  });

  it('jobs need no probes', () => {
    const d = goodDeployment();
    delete c0(d).livenessProbe;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'ns' },
      spec: { template: d.spec.template },
    };
    expect(hardening(job)).toEqual([]);
  });

  const hpa = (metrics?: object[]) => ({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'h', namespace: 'ns' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
      minReplicas: 2,
      maxReplicas: 5,
      ...(metrics ? { metrics } : {}),
    },
  });
  const vpa = (spec: object = {}) => ({
    apiVersion: 'autoscaling.k8s.io/v1',
    kind: 'VerticalPodAutoscaler',
    metadata: { name: 'v', namespace: 'ns' },
    spec: { targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, ...spec },
  });
  const cpu = [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
  ];
  const custom = [
    {
      type: 'Pods',
      pods: {
        metric: { name: 'otlp_requests_per_second' },
        target: { type: 'AverageValue', averageValue: '100' },
      },
    },
  ];

  it('HPA and VPA on the same resource of one workload', () => {
    expect(hardening(goodDeployment(), hpa(cpu), vpa())).toEqual(['hardening-hpa-vpa-conflict']);
    expect(hardening(goodDeployment(), hpa(), vpa())).toEqual(['hardening-hpa-vpa-conflict']);
    expect(hardening(goodDeployment(), hpa(custom), vpa())).toEqual([]);
    expect(hardening(goodDeployment(), hpa(cpu), vpa({ updatePolicy: { updateMode: 'Off' } }))).toEqual([]);
    expect(
      hardening(
        goodDeployment(),
        hpa(cpu),
        vpa({
          resourcePolicy: { containerPolicies: [{ containerName: '*', controlledResources: ['memory'] }] },
        }),
      ),
    ).toEqual([]);
  });

  it('PodDisruptionBudgets that block every eviction', () => {
    const pdb = (spec: object) => ({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'p', namespace: 'ns' },
      spec: { selector: { matchLabels: { app: 'a' } }, ...spec },
    });
    expect(hardening(goodDeployment(), pdb({ maxUnavailable: 0 }))).toEqual([
      'hardening-pdb-blocks-eviction',
    ]);
    expect(hardening(goodDeployment(), pdb({ minAvailable: '100%' }))).toEqual([
      'hardening-pdb-blocks-eviction',
    ]);
    expect(hardening(goodDeployment(3), pdb({ minAvailable: 3 }))).toEqual(['hardening-pdb-blocks-eviction']);
    expect(hardening(goodDeployment(3), pdb({ minAvailable: 2 }))).toEqual([]);
    expect(hardening(goodDeployment(3), pdb({ maxUnavailable: 1 }))).toEqual([]);
    // An HPA's minReplicas is what the PDB must leave room in.
    expect(hardening(goodDeployment(3), hpa(custom), pdb({ minAvailable: 2 }))).toEqual([
      'hardening-pdb-blocks-eviction',
    ]);
  });
});
