// chart-gen's strict Kubernetes schemas (generated from k8s.io/kubernetes' own OpenAPI document)
// against the API server built from the same release: every object the chart renders that
// chart-gen accepts, the server accepts with fieldValidation=Strict (dryRun=All); deliberately
// wrong objects are refused by both. And the committed schemas match what their source gives.
const { execFileSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');
const { parseAllDocuments } = require('yaml');
const { KubeClient } = require('../../cluster/kube-client.cjs');
const { chart, createNamespace, kubectl, root, testCluster } = require('./support/cluster.cjs');

const ns = 'schema-agreement';
let client;
let validator;
/** apiVersion/kind -> { path, namespaced }, from the server's discovery. */
const resources = new Map();

beforeAll(async () => {
  const cluster = testCluster();
  client = new KubeClient(cluster.server, cluster.pki);
  const chartGen = require(join(root, 'packages', 'chart-gen', 'dist', 'index.js'));
  const minor = (await client.get('/version')).body.minor;
  validator = await chartGen.KubeSchemaValidator.create(`1.${minor}`);
  const groups = [{ path: '/api/v1', apiVersion: 'v1' }];
  for (const g of (await client.get('/apis')).body.groups)
    for (const v of g.versions) groups.push({ path: `/apis/${v.groupVersion}`, apiVersion: v.groupVersion });
  for (const g of groups)
    for (const r of (await client.get(g.path)).body.resources ?? [])
      if (!r.name.includes('/'))
        resources.set(`${g.apiVersion}/${r.kind}`, {
          path: `${g.path}`,
          name: r.name,
          namespaced: r.namespaced,
        });
  createNamespace(ns, 'privileged');
  // Pods are admitted only with their ServiceAccount in place; the chart's own dry-run create of it
  // does not persist.
  kubectl(['create', 'serviceaccount', 'otlp-otlp-client', '-n', ns]);
});
afterAll(() => kubectl(['delete', 'namespace', ns, '--wait=false']));

async function serverVerdict(object) {
  const resource = resources.get(`${object.apiVersion}/${object.kind}`);
  if (!resource) return { unknown: true };
  const path = resource.namespaced
    ? `${resource.path}/namespaces/${ns}/${resource.name}`
    : `${resource.path}/${resource.name}`;
  const r = await client.request('POST', `${path}?dryRun=All&fieldValidation=Strict`, {
    ...object,
    metadata: { ...object.metadata, namespace: resource.namespaced ? ns : undefined },
  });
  return { accepted: r.status === 201 || r.status === 409, status: r.status, message: r.body?.message };
}

function rendered() {
  const helm = join(root, 'tools', 'bin', 'helm');
  const files = [
    undefined,
    ...readdirSync(join(chart, 'ci'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(chart, 'ci', f)),
  ];
  return files.flatMap((file) => {
    const out = execFileSync(
      helm,
      ['template', 'otlp', chart, '-n', ns, '--kube-version', '1.34.0', ...(file ? ['-f', file] : [])],
      { encoding: 'utf8' },
    );
    return parseAllDocuments(out)
      .map((d) => d.toJS())
      .filter(Boolean)
      .map((object) => ({ file: file ?? 'defaults', object }));
  });
}

it('every object the chart renders (defaults and every ci/ file) that chart-gen accepts, the API server accepts strictly', async () => {
  const disagreements = [];
  let compared = 0;
  for (const { file, object } of rendered()) {
    const server = await serverVerdict(object);
    if (server.unknown) continue; // CRD kinds: this cluster has no CRDs installed
    compared++;
    const problems = validator.validate(object);
    if ((problems.length === 0) !== server.accepted)
      disagreements.push({
        file,
        kind: object.kind,
        name: object.metadata.name,
        chartGen: problems,
        server: `${server.status} ${server.message}`,
      });
  }
  expect(disagreements).toEqual([]);
  expect(compared).toBeGreaterThan(40);
});

function deployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'wrong' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: { containers: [{ name: 'c', image: 'i:1', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

it.each([
  ['an unknown top-level spec field', (d) => (d.spec.replica = 2)],
  ['an unknown container field', (d) => (d.spec.template.spec.containers[0].imagePullPolice = 'Always')],
  ['an unknown field in a port', (d) => (d.spec.template.spec.containers[0].ports[0].hostPorts = 1)],
  ['a string where an integer belongs', (d) => (d.spec.replicas = 'two')],
  ['an int32 out of range', (d) => (d.spec.replicas = 2147483648)],
  ['an object where a list belongs', (d) => (d.spec.template.spec.containers = { name: 'c' })],
  ['a number where a string belongs', (d) => (d.spec.template.spec.containers[0].image = 5)],
])('%s is refused by both', async (_what, mutate) => {
  const d = deployment();
  expect(validator.validate(d)).toEqual([]);
  expect((await serverVerdict(d)).accepted).toBe(true);
  mutate(d);
  expect(validator.validate(d).length).toBeGreaterThan(0);
  const server = await serverVerdict(d);
  expect([server.accepted, server.status]).toEqual([false, expect.any(Number)]);
});

it('the committed schemas are what the pinned releases’ OpenAPI documents give (chart-gen kube-schemas --check)', () => {
  const r = require('node:child_process').spawnSync(
    process.execPath,
    [join(root, 'packages', 'chart-gen', 'dist', 'cli.js'), 'kube-schemas', '--check'],
    { encoding: 'utf8' },
  );
  expect([r.status, r.stdout]).toEqual([0, expect.stringContaining('up to date')]);
});

it('the newest schemas come from the release the control plane is built from', async () => {
  const { kubernetesVersion } = await import('../../cluster/versions.mjs').catch(() => ({}));
  const chartGen = require(join(root, 'packages', 'chart-gen', 'dist', 'index.js'));
  const server = (await client.get('/version')).body.gitVersion;
  expect(chartGen.kubernetesReleases[`1.${(await client.get('/version')).body.minor}`]).toBe(server);
  if (kubernetesVersion) expect(kubernetesVersion).toBe(server);
});
