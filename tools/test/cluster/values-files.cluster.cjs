// Every values file the chart promises to install (the defaults, the deployment plan's own
// values.yaml and each ci/ file) installs with --wait on a namespace enforcing the restricted
// Pod Security Standard, then uninstalls leaving nothing; Helm 4 and Helm 3. Part of
// CLUSTER_SCOPE=full (`nx run workspace-tools:cluster-e2e`); `npm test` runs the lifecycle file.
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { chart, createNamespace, getJson, helm, helmAsync, kubectl, root } = require('./support/cluster.cjs');

const cases = [
  ['defaults', undefined],
  ['the plan values', join(root, 'packages', 'chart-gen', 'test', 'fixtures', 'plan-values.yaml')],
  ...readdirSync(join(chart, 'ci'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [`ci/${f}`, join(chart, 'ci', f)]),
];

/** The CRD objects each values file switches on (the cluster serves those APIs). */
const expectedCrdKinds = {
  'the plan values': ['ServiceMonitor'],
  'ci/all-features-values.yaml': ['ServiceMonitor', 'PrometheusRule'],
  'ci/daemonset-values.yaml': ['PodMonitor'],
  'ci/exposure-values.yaml': ['ServiceMonitor', 'PrometheusRule', 'HTTPRoute', 'GRPCRoute'],
  'ci/vpa-values.yaml': ['VerticalPodAutoscaler'],
};

/** Gives the LoadBalancer Service an ingress address as soon as it exists (until Helm returns). */
async function assignLoadBalancerAddress(ns, until) {
  let done = false;
  until.then(() => (done = true));
  while (!done) {
    const patch = JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } });
    const r = kubectl([
      'patch',
      'service',
      'otlp-otlp-client',
      '-n',
      ns,
      '--subresource=status',
      '--type=merge',
      '-p',
      patch,
    ]);
    if (r.code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.each([4, 3])('Helm %i installs every values file on a restricted namespace', (major) => {
  it.each(cases)('%s', async (name, file) => {
    const ns = `values-h${major}-${name.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 63);
    // namespace.create: Helm 4 makes the namespace with --create-namespace and the chart labels it
    // (server-side apply takes the object over); Helm 3 refuses that takeover (the value documents
    // it), so there the namespace is made beforehand and the chart's Namespace left off.
    const createsNamespace = name === 'ci/all-features-values.yaml';
    if (!createsNamespace || major === 3) createNamespace(ns, 'restricted', 'latest');
    try {
      const extra = createsNamespace
        ? major === 4
          ? ['--create-namespace']
          : ['--set', 'namespace.create=false']
        : [];
      const args = [
        'install',
        'otlp',
        chart,
        '-n',
        ns,
        '--wait',
        '--timeout',
        '5m',
        ...(file ? ['-f', file] : []),
        ...extra,
      ];
      const install = helmAsync(major, args);
      // No cloud here: play the load-balancer controller, which Helm 3's --wait waits for.
      const lbAddress =
        name === 'ci/exposure-values.yaml' ? assignLoadBalancerAddress(ns, install) : undefined;
      const r = await install;
      await lbAddress;
      expect([r.code, r.stderr]).toEqual([0, '']);
      if (createsNamespace && major === 4)
        expect(getJson(['namespace', ns]).metadata.labels['pod-security.kubernetes.io/enforce']).toBe(
          'restricted',
        );
      const workloads = getJson([
        'deployments,daemonsets',
        '-n',
        ns,
        '-l',
        'app.kubernetes.io/instance=otlp',
      ]).items;
      expect(workloads).toHaveLength(1);
      const [workload] = workloads;
      const ready =
        workload.kind === 'Deployment' ? workload.status.availableReplicas : workload.status.numberReady;
      expect(ready).toBeGreaterThan(0);
      // The objects of the CRD APIs the test cluster serves were rendered (Helm saw the APIs) and applied.
      const crdKinds = [
        'ServiceMonitor',
        'PodMonitor',
        'PrometheusRule',
        'VerticalPodAutoscaler',
        'HTTPRoute',
        'GRPCRoute',
      ];
      const manifest = helm(major, ['get', 'manifest', 'otlp', '-n', ns]).stdout;
      const rendered = crdKinds.filter((k) => new RegExp(`^kind: ${k}$`, 'm').test(manifest));
      expect(rendered).toEqual(expect.arrayContaining(expectedCrdKinds[name] ?? []));
      for (const kind of rendered)
        expect([kind, getJson([kind.toLowerCase(), '-n', ns]).items.length]).toEqual([kind, 1]);
      const u = helm(major, ['uninstall', 'otlp', '-n', ns, '--wait', '--timeout', '3m']);
      expect([u.code, u.stderr]).toEqual([0, '']);
      const left = getJson([
        'all,configmaps,networkpolicies,serviceaccounts',
        '-n',
        ns,
        '-l',
        'app.kubernetes.io/instance=otlp',
      ]).items;
      expect(left.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
      // The chart's Namespace stays (helm.sh/resource-policy: keep).
      if (createsNamespace && major === 4) expect(getJson(['namespace', ns]).status.phase).toBe('Active');
    } finally {
      kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']);
    }
  });
});
