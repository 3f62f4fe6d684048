// policy-lint against Kubernetes' own Pod Security admission: random pods (and Deployments of the
// same pods) covering every control, each submitted with dryRun=All to namespaces enforcing each
// level at several versions; policy-lint's verdict must equal the API server's on every object.
// PSA_PODS (default 40; 400 with CLUSTER_SCOPE=full) and PSA_SEED pick the corpus.
const { createNamespace, fullScope, kubectl, testCluster } = require('./support/cluster.cjs');
const { asDeployment, generatePods, mutations } = require('./support/pod-generator.cjs');
const { root } = require('../support/clone.cjs');
const { join } = require('node:path');
const { KubeClient } = require('../../cluster/kube-client.cjs');

const count = Number(process.env.PSA_PODS ?? (fullScope ? 400 : 40));
const seed = Number(process.env.PSA_SEED ?? Date.now() % 100000);
/** The API server's minor (from /version): what "latest" means to it. */
let serverMinor;
const policies = [];
for (const level of ['baseline', 'restricted'])
  for (const version of ['v1.0', 'v1.25', 'latest'])
    policies.push({ level, version, ns: `psa-${level}-${version.replace('.', '-')}` });
// Privileged admits everything: policy-lint must not report a pss finding there either.
policies.push({ level: 'privileged', version: 'latest', ns: 'psa-privileged-latest' });

let client;
let policyLint;

beforeAll(async () => {
  const cluster = testCluster();
  client = new KubeClient(cluster.server, cluster.pki);
  serverMinor = Number.parseInt((await client.get('/version')).body.minor, 10);
  policyLint = require(join(root, 'packages', 'policy-lint', 'dist', 'index.js'));
  for (const p of policies) {
    createNamespace(p.ns, p.level, p.version);
    // warn at the same level: for a Deployment, admission warns instead of refusing.
    kubectl([
      'label',
      'namespace',
      p.ns,
      '--overwrite',
      `pod-security.kubernetes.io/warn=${p.level}`,
      `pod-security.kubernetes.io/warn-version=${p.version}`,
    ]);
  }
});

afterAll(() => kubectl(['delete', 'namespace', ...policies.map((p) => p.ns), '--wait=false']));

/** policy-lint's verdict: the pss-* findings for the object at the namespace's level and version. */
function lintVerdict(object, policy) {
  const minor = policy.version === 'latest' ? serverMinor : Number(policy.version.split('.')[1]);
  const result = policyLint.lintSources([{ file: 'object.json', text: JSON.stringify(object) }], {
    only: ['pss'],
    pss: { level: policy.level, version: { minor, label: policy.version } },
  });
  return result.findings.filter((f) => !f.suppressed && f.ruleId.startsWith('pss-')).map((f) => f.ruleId);
}

async function serverVerdict(object, policy) {
  const path =
    object.kind === 'Pod'
      ? `/api/v1/namespaces/${policy.ns}/pods`
      : `/apis/apps/v1/namespaces/${policy.ns}/deployments`;
  const r = await client.request('POST', `${path}?dryRun=All&fieldValidation=Strict`, object);
  if (object.kind === 'Pod') {
    if (r.status === 201) return { admitted: true };
    if (r.status === 403 && /violates PodSecurity/.test(r.body.message))
      return { admitted: false, message: r.body.message };
    return { invalid: `${r.status} ${r.body.message}` };
  }
  if (r.status !== 201) return { invalid: `${r.status} ${r.body.message}` };
  const warning = [r.headers.warning ?? ''].flat().join('\n');
  return /would violate PodSecurity/.test(warning)
    ? { admitted: false, message: warning }
    : { admitted: true };
}

it(`agrees with the API server on ${count} random pods and their Deployments at baseline and restricted x 3 versions, and privileged (seed ${seed})`, async () => {
  const pods = generatePods(seed, count);
  const disagreements = [];
  const coverage = new Map(mutations.map(([name]) => [name, { admitted: 0, refused: 0 }]));
  let compared = 0;
  let invalid = 0;
  const invalidReasons = new Map();
  for (const { pod, applied } of pods) {
    const objects = [pod, ...(applied.length % 2 === 0 ? [asDeployment(pod)] : [])];
    for (const object of objects)
      for (const policy of policies) {
        const server = await serverVerdict(object, policy);
        if (server.invalid) {
          invalid++;
          const reason = server.invalid.replace(/"[^"]*"/g, '"…"').slice(0, 160);
          invalidReasons.set(reason, (invalidReasons.get(reason) ?? 0) + 1);
          continue;
        }
        compared++;
        const findings = lintVerdict(object, policy);
        for (const name of applied) coverage.get(name)[server.admitted ? 'admitted' : 'refused']++;
        if (server.admitted !== (findings.length === 0))
          disagreements.push({
            kind: object.kind,
            name: object.metadata.name,
            policy: `${policy.level}@${policy.version}`,
            applied,
            server: server.admitted ? 'admitted' : server.message,
            policyLint: findings,
            spec: object.kind === 'Pod' ? object.spec : undefined,
          });
      }
  }
  console.log(
    `psa-differential seed=${seed} compared=${compared} invalid=${invalid} disagreements=${disagreements.length}\n` +
      [...invalidReasons].map(([reason, n]) => `  invalid x${n}: ${reason}`).join('\n'),
  );
  expect(disagreements.slice(0, 5)).toEqual([]);
  // Objects the API server refuses for other reasons than Pod Security tell nothing: keep them few.
  expect(invalid).toBeLessThan(compared / 4);
  expect(compared).toBeGreaterThan(count * policies.length);
  if (fullScope)
    for (const [name, seen] of coverage)
      expect([name, seen.admitted > 0 && seen.refused > 0, seen]).toEqual([name, true, seen]);
});
