// `kubectl auth can-i` for the agent's ServiceAccount on a real API server: with the defaults it
// can do nothing beyond what every ServiceAccount can; with rbac.create it reads pods of its
// namespace and nothing else; with rbac.clusterRole.create it reads the metadata the k8s
// attributes need cluster-wide, and still no Secret and no write.
const { chart, createNamespace, helm, kubectl, valuesFile } = require('./support/cluster.cjs');

const ns = 'rbac-agent';
const other = 'rbac-elsewhere';
const agent = `system:serviceaccount:${ns}:otlp-otlp-client`;
const baseline = `system:serviceaccount:${ns}:baseline`;

/** The rules `kubectl auth can-i --list` reports for a user in a namespace, one string each. */
function rules(user, namespace) {
  const r = kubectl(['auth', 'can-i', '--list', `--as=${user}`, '-n', namespace, '--no-headers']);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.stdout
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/\s{2,}|\s+(?=\[)/)
        .join(' '),
    )
    .sort();
}

/** What the agent may do beyond a ServiceAccount with no binding at all. */
const extra = (namespace) => {
  const base = new Set(rules(baseline, namespace));
  return rules(agent, namespace).filter((rule) => !base.has(rule));
};

const can = (verb, resource, namespace, user = agent) =>
  kubectl(['auth', 'can-i', verb, resource, `--as=${user}`, '-n', namespace]).stdout.trim();

function install(values) {
  const r = helm(4, ['upgrade', '--install', 'otlp', chart, '-n', ns, '-f', valuesFile(values)]);
  if (r.code !== 0) throw new Error(r.stderr);
}

beforeAll(() => {
  createNamespace(ns);
  createNamespace(other);
  kubectl(['create', 'serviceaccount', 'baseline', '-n', ns]);
});
afterAll(() => {
  helm(4, ['uninstall', 'otlp', '-n', ns]);
  kubectl(['delete', 'namespace', ns, other, '--wait=false']);
});

it('with the defaults the agent can do nothing a bare ServiceAccount cannot', () => {
  install({});
  expect(extra(ns)).toEqual([]);
  expect(can('get', 'pods', ns)).toBe('no');
});

it('rbac.create: reads pods of its namespace, nothing else, nowhere else', () => {
  install({ rbac: { create: true } });
  expect(extra(ns)).toEqual(['pods [] [] [get list watch]']);
  expect(extra(other)).toEqual([]);
  for (const [verb, resource] of [
    ['delete', 'pods'],
    ['create', 'pods'],
    ['get', 'secrets'],
    ['list', 'configmaps'],
    ['create', 'pods/exec'],
  ])
    expect([verb, resource, can(verb, resource, ns)]).toEqual([verb, resource, 'no']);
});

it('rbac.clusterRole.create: reads pods, namespaces, nodes and ReplicaSets everywhere; no Secret, no write', () => {
  install({ rbac: { clusterRole: { create: true } } });
  for (const namespace of [ns, other])
    expect(extra(namespace)).toEqual([
      'namespaces [] [] [get list watch]',
      'nodes [] [] [get list watch]',
      'pods [] [] [get list watch]',
      'replicasets.apps [] [] [get list watch]',
    ]);
  for (const [verb, resource] of [
    ['get', 'secrets'],
    ['patch', 'nodes'],
    ['delete', 'pods'],
    ['list', 'deployments.apps'],
  ])
    expect([verb, resource, can(verb, resource, other)]).toEqual([verb, resource, 'no']);
});
