// The chart's lifecycle against a real API server (Pod Security enforced, RBAC on, KWOK nodes):
// install the defaults with --wait, helm test, upgrade (to fixed replicas, then back to the HPA with
// a config change that rolls the pods through the checksum and a key removed), roll back and
// uninstall leaving nothing behind.
// Helm 4 (server-side apply) in `npm test`; Helm 3 too with CLUSTER_SCOPE=full.
const {
  chart,
  createNamespace,
  fullScope,
  getJson,
  helm,
  kubectl,
  valuesFile,
} = require('./support/cluster.cjs');

const release = 'otlp';
const fullname = 'otlp-otlp-client';
const selector = `app.kubernetes.io/instance=${release}`;

async function eventually(what, check, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last === true) return;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function expectOk(r, what) {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  return r;
}

const deployment = (ns) => getJson(['deployment', fullname, '-n', ns]);
const replicaSets = (ns) => getJson(['replicasets', '-n', ns, '-l', selector]).items;
const activeReplicaSets = (ns) => replicaSets(ns).filter((rs) => (rs.spec.replicas ?? 0) > 0);

/** Every namespaced object of the release that a chart could leave behind, plus cluster-scoped RBAC. */
function leftovers(ns) {
  const kinds =
    'deployments,daemonsets,replicasets,pods,services,configmaps,serviceaccounts,networkpolicies,poddisruptionbudgets,horizontalpodautoscalers,roles,rolebindings,ingresses';
  const namespaced = getJson([kinds, '-n', ns, '-l', selector]).items;
  const clusterScoped = getJson(['clusterroles,clusterrolebindings', '-l', selector]).items;
  const releases = getJson(['secrets', '-n', ns, '-l', `owner=helm,name=${release}`]).items;
  return [...namespaced, ...clusterScoped, ...releases].map((o) => `${o.kind}/${o.metadata.name}`);
}

const majors = fullScope ? [4, 3] : [4];

describe.each(majors)(
  'Helm %i: install, test, upgrade, roll back and uninstall on a restricted namespace',
  (major) => {
    const ns = `lifecycle-helm${major}`;
    beforeAll(() => createNamespace(ns, 'restricted', 'latest'));
    afterAll(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

    const fixed = {
      autoscaling: { enabled: false },
      replicaCount: 2,
      podAnnotations: { 'example.com/team': 'observability' },
    };
    const agentPods = () =>
      getJson(['pods', '-n', ns, '-l', `${selector},app.kubernetes.io/component=agent`]).items;

    it('installs the defaults with --wait; the HPA brings the Deployment to minReplicas, every pod admitted as restricted', async () => {
      expectOk(
        helm(major, ['install', release, chart, '-n', ns, '--wait', '--timeout', '5m']),
        'helm install',
      );
      const hpa = getJson(['hpa', fullname, '-n', ns]);
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 10]);
      // The chart leaves replicas to the HPA, which raises them to minReplicas without a metrics API.
      await eventually(
        '3 available replicas',
        () => deployment(ns).status.availableReplicas === 3 || deployment(ns).status,
      );
      const pods = agentPods();
      expect(pods).toHaveLength(3);
      // The chart's preferred anti-affinity by hostname: one agent per KWOK node.
      expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(3);
      expect(pods.every((p) => p.status.phase === 'Running')).toBe(true);
    });

    it('helm test runs its pod to completion', () => {
      const r = expectOk(helm(major, ['test', release, '-n', ns, '--timeout', '3m']), 'helm test');
      expect(r.stdout).toMatch(/Phase:\s+Succeeded/);
    });

    it('upgrades to fixed replicas with a pod annotation', async () => {
      expectOk(
        helm(major, [
          'upgrade',
          release,
          chart,
          '-n',
          ns,
          '--wait',
          '--timeout',
          '5m',
          '-f',
          valuesFile(fixed),
        ]),
        'helm upgrade',
      );
      expect(kubectl(['get', 'hpa', fullname, '-n', ns]).code).not.toBe(0);
      await eventually(
        '2 replicas',
        () =>
          (deployment(ns).status.availableReplicas === 2 && deployment(ns).status.replicas === 2) ||
          deployment(ns).status,
      );
      expect(deployment(ns).spec.template.metadata.annotations['example.com/team']).toBe('observability');
    });

    it('upgrades back to the HPA with a config change: the pods roll through the checksum, the removed annotation is gone', async () => {
      const before = activeReplicaSets(ns).map((rs) => rs.metadata.name);
      expect(before).toHaveLength(1);
      const checksum = deployment(ns).spec.template.metadata.annotations['checksum/config'];
      expectOk(
        helm(major, [
          'upgrade',
          release,
          chart,
          '-n',
          ns,
          '--wait',
          '--timeout',
          '5m',
          '-f',
          valuesFile({ config: { otlp: { batch_size: 256 } } }),
        ]),
        'helm upgrade',
      );
      expect(getJson(['hpa', fullname, '-n', ns]).spec.minReplicas).toBe(3);
      await eventually(
        '3 available replicas under the HPA',
        () => deployment(ns).status.availableReplicas === 3 || deployment(ns).status,
      );
      const after = activeReplicaSets(ns).map((rs) => rs.metadata.name);
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(before[0]);
      expect(getJson(['configmap', fullname, '-n', ns]).data['config.toml']).toMatch(/^batch_size = 256$/m);
      const annotations = deployment(ns).spec.template.metadata.annotations;
      expect(annotations['checksum/config']).not.toBe(checksum);
      expect(annotations['example.com/team']).toBeUndefined();
    });

    it('rolls back to the fixed-replicas revision: no HPA, two replicas, the annotation and the old config back', async () => {
      expectOk(
        helm(major, ['rollback', release, '2', '-n', ns, '--wait', '--timeout', '5m']),
        'helm rollback',
      );
      expect(kubectl(['get', 'hpa', fullname, '-n', ns]).code).not.toBe(0);
      await eventually(
        '2 replicas after the rollback',
        () => deployment(ns).spec.replicas === 2 || deployment(ns).spec.replicas,
      );
      expect(deployment(ns).spec.template.metadata.annotations['example.com/team']).toBe('observability');
      expect(getJson(['configmap', fullname, '-n', ns]).data['config.toml']).not.toMatch(
        /^batch_size = 256$/m,
      );
    });

    it('uninstalls leaving nothing behind', async () => {
      expectOk(helm(major, ['uninstall', release, '-n', ns, '--wait', '--timeout', '3m']), 'helm uninstall');
      await eventually('no object of the release', () => leftovers(ns).length === 0 || leftovers(ns));
    });
  },
);
