import { lintSources } from '@otlp-kit/policy-lint';
import { freshChart, helm3, helm4, renderValues, runHelm } from '../helpers';
import type { Manifest } from '../helpers';

const chart = freshChart();

const render = (bin: string, values: object, extra: string[] = []) => renderValues(bin, chart, values, extra);

const kinds = (objects: Manifest[]) => objects.map((o) => o.kind).sort();
const agentPod = (objects: Manifest[]) =>
  objects.find((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet')!.spec.template.spec;
const unsuppressedRules = (text: string) => [
  ...new Set(
    lintSources([{ file: 'rendered.yaml', text }])
      .findings.filter((f) => !f.suppressed)
      .map((f) => f.ruleId),
  ),
];

describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s: daemonset mode', (_name, bin) => {
  it('renders a DaemonSet with a node-local Service, without what only scales a Deployment, policy-lint clean', () => {
    const r = render(bin, { mode: 'daemonset' });
    expect(r.code).toBe(0);
    const all = kinds(r.objects);
    expect(all).toContain('DaemonSet');
    for (const kind of ['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget'])
      expect(all).not.toContain(kind);
    const ds = r.objects.find((o) => o.kind === 'DaemonSet')!;
    expect(ds.spec.updateStrategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 0, maxUnavailable: 1 },
    });
    expect(ds.spec.replicas).toBeUndefined();
    const pod = agentPod(r.objects);
    // One agent per node already: the Deployment's anti-affinity and zone spread would be noise.
    expect(pod.affinity).toBeUndefined();
    expect(pod.topologySpreadConstraints).toBeUndefined();
    expect(pod.containers[0].ports.some((p: { hostPort?: number }) => p.hostPort)).toBe(false);
    const service = r.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'otlp-otlp-client')!;
    expect(service.spec.internalTrafficPolicy).toBe('Local');
    expect(unsuppressedRules(r.text)).toEqual([]);
  });

  it('opens hostPorts only when asked, and policy-lint then reports them (baseline forbids hostPort)', () => {
    const r = render(bin, { mode: 'daemonset', daemonset: { hostPorts: { enabled: true, grpc: 14317 } } });
    expect(r.code).toBe(0);
    const ports = agentPod(r.objects).containers[0].ports;
    expect(ports.map((p: { name: string; hostPort?: number }) => [p.name, p.hostPort])).toEqual([
      ['http', undefined],
      ['grpc', 14317],
      ['http-otlp', 4318],
    ]);
    expect(unsuppressedRules(r.text)).toEqual(['pss-host-ports']);
  });

  it.each([
    [{ daemonset: { hostPorts: { enabled: true } } }, 'daemonset.hostPorts.enabled needs mode: daemonset'],
    [
      { mode: 'daemonset', rollout: { strategy: 'Recreate' } },
      'rollout.strategy Recreate is for mode: deployment',
    ],
    [{ rollout: { strategy: 'OnDelete' } }, 'rollout.strategy OnDelete is for mode: daemonset'],
    [{ rollout: { maxSurge: 0 } }, 'cannot both be 0'],
    [{ mode: 'daemonset', rollout: { maxUnavailable: '0%' } }, 'cannot both be 0'],
  ])('refuses %j, saying why', (values, message) => {
    const r = render(bin, values);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(message);
  });

  it('targets the DaemonSet from the VPA', () => {
    const r = render(bin, { mode: 'daemonset', verticalPodAutoscaler: { enabled: true } }, [
      '--api-versions',
      'autoscaling.k8s.io/v1/VerticalPodAutoscaler',
    ]);
    expect(r.code).toBe(0);
    expect(r.objects.find((o) => o.kind === 'VerticalPodAutoscaler')!.spec.targetRef.kind).toBe('DaemonSet');
  });
});

describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s: values documented as "" or a list of names mean what they say', (_name, bin) => {
  it('"" resources are left out, each on its own', () => {
    const r = render(bin, { resources: { requests: { cpu: '' }, limits: { cpu: '', memory: '' } } });
    expect(r.code).toBe(0);
    expect(agentPod(r.objects).containers[0].resources).toEqual({ requests: { memory: '128Mi' } });
    const none = runHelm(bin, ['template', 'otlp', chart, '--set', 'resources.limits.cpu=']);
    expect(none.code).toBe(0);
    expect(none.stdout).not.toMatch(/cpu: 500m/);
  });

  it('image pull secrets by name or as objects', () => {
    const r = render(bin, { imagePullSecrets: ['registry-a', { name: 'registry-b' }] });
    expect(agentPod(r.objects).imagePullSecrets).toEqual([{ name: 'registry-a' }, { name: 'registry-b' }]);
  });

  it('rollout, revision history, PDB minAvailable and HPA behavior reach the objects', () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 600 } };
    const r = render(bin, {
      rollout: { maxSurge: 2, maxUnavailable: '10%' },
      revisionHistoryLimit: 2,
      podDisruptionBudget: { minAvailable: 2 },
      autoscaling: { behavior },
    });
    const deployment = r.objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: 2, maxUnavailable: '10%' });
    expect(deployment.spec.revisionHistoryLimit).toBe(2);
    const pdb = r.objects.find((o) => o.kind === 'PodDisruptionBudget')!;
    expect(pdb.spec.minAvailable).toBe(2);
    expect(pdb.spec.maxUnavailable).toBeUndefined();
    expect(r.objects.find((o) => o.kind === 'HorizontalPodAutoscaler')!.spec.behavior).toEqual(behavior);
  });

  it('refuses an HPA with no metric instead of rendering metrics: null', () => {
    const r = render(bin, {
      autoscaling: { targetCPUUtilizationPercentage: 0, targetMemoryUtilizationPercentage: 0 },
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('autoscaling.enabled needs a metric');
  });

  it('pod-spec passthroughs land where Kubernetes reads them', () => {
    const r = render(bin, {
      initContainers: [{ name: 'init', image: 'busybox:1.36' }],
      extraContainers: [{ name: 'proxy', image: 'proxy:1' }],
      extraEnvFrom: [{ secretRef: { name: 'env' } }],
      hostAliases: [{ ip: '10.0.0.1', hostnames: ['a.internal'] }],
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['10.0.0.53'] },
      runtimeClassName: 'gvisor',
      shareProcessNamespace: true,
      securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } },
      podSecurityContext: { supplementalGroups: [20000] },
    });
    const pod = agentPod(r.objects);
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(['init']);
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['otlp-client', 'proxy']);
    expect(pod.containers[0].envFrom).toEqual([{ secretRef: { name: 'env' } }]);
    expect(pod.containers[0].securityContext.capabilities).toEqual({
      drop: ['ALL'],
      add: ['NET_BIND_SERVICE'],
    });
    expect(pod.securityContext.supplementalGroups).toEqual([20000]);
    expect([pod.dnsPolicy, pod.dnsConfig, pod.runtimeClassName, pod.shareProcessNamespace]).toEqual([
      'None',
      { nameservers: ['10.0.0.53'] },
      'gvisor',
      true,
    ]);
    expect(pod.hostAliases).toEqual([{ ip: '10.0.0.1', hostnames: ['a.internal'] }]);
  });

  it('an existing ConfigMap replaces the rendered one (and its checksum)', () => {
    const r = render(bin, { configMap: { existingName: 'my-agent-config' } });
    expect(kinds(r.objects)).not.toContain('ConfigMap');
    const deployment = r.objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.template.metadata.annotations['checksum/config']).toBeUndefined();
    const config = deployment.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'config');
    expect(config.configMap.name).toBe('my-agent-config');
  });

  it('a ClusterRole mounts the token and binds the agent ServiceAccount', () => {
    const r = render(bin, { rbac: { clusterRole: { create: true } } });
    expect(agentPod(r.objects).automountServiceAccountToken).toBe(true);
    const binding = r.objects.find((o) => o.kind === 'ClusterRoleBinding')!;
    expect(binding.roleRef.name).toBe('otlp-otlp-client-observability');
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'otlp-otlp-client', namespace: 'observability' },
    ]);
    expect(r.objects.find((o) => o.kind === 'ClusterRole')!.rules[0].verbs).toEqual(['get', 'list', 'watch']);
  });

  it('extraManifests: objects as they are, strings through tpl', () => {
    const r = render(bin, {
      extraManifests: [
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a' }, stringData: { k: 'v' } },
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-b\ndata:\n  ns: {{ .Release.Namespace }}\n',
      ],
    });
    expect(r.objects.find((o) => o.kind === 'Secret')!.stringData).toEqual({ k: 'v' });
    expect(r.objects.find((o) => o.metadata.name === 'otlp-b')!.data).toEqual({ ns: 'observability' });
  });
});
