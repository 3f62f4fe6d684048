// What a cluster test needs: the cluster the global setup started, Helm and kubectl against it,
// and namespaces with Pod Security labels that are removed after the file.
const { spawn, spawnSync } = require('node:child_process');
const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { root } = require('../../support/clone.cjs');

function testCluster() {
  const raw = process.env.OTLP_KIT_TEST_CLUSTER;
  if (!raw) throw new Error('no test cluster: run these tests through tools/jest.cluster.config.cjs');
  return JSON.parse(raw);
}

const bin = (name) => join(root, 'tools', 'bin', name);

/** Runs a command with the cluster's kubeconfig and a scratch Helm home; never throws. */
function run(cmd, args, { input } = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    input,
    env: commandEnv(),
    maxBuffer: 64 << 20,
    timeout: 600000,
  });
  return {
    code: r.status ?? 1,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '') + (r.error ? String(r.error) : ''),
  };
}

function commandEnv() {
  const cluster = testCluster();
  const helmHome = join(cluster.dir, 'helm');
  return {
    ...process.env,
    KUBECONFIG: cluster.kubeconfig,
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_DATA_HOME: join(helmHome, 'data'),
  };
}

const helm = (major, args) => run(bin(major === 3 ? 'helm3' : 'helm'), args);

/** Helm in the background, for a test that acts on the cluster while Helm waits. */
function helmAsync(major, args) {
  return new Promise((resolve) => {
    const child = spawn(bin(major === 3 ? 'helm3' : 'helm'), args, { env: commandEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
const kubectl = (args, options) => run(bin('kubectl'), args, options);

/** kubectl get -o json, parsed; throws with kubectl's message when it fails. */
function getJson(args) {
  const r = kubectl(['get', ...args, '-o', 'json']);
  if (r.code !== 0) throw new Error(`kubectl get ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** A namespace enforcing a Pod Security level (and version). */
function createNamespace(name, level = 'restricted', version = 'latest') {
  const manifest = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: {
        'pod-security.kubernetes.io/enforce': level,
        'pod-security.kubernetes.io/enforce-version': version,
      },
    },
  };
  const r = kubectl(['apply', '-f', '-'], { input: JSON.stringify(manifest) });
  if (r.code !== 0) throw new Error(`creating namespace ${name}: ${r.stderr}`);
}

function valuesFile(values) {
  const file = join(mkdtempSync(join(tmpdir(), 'cluster-values-')), 'values.json');
  writeFileSync(file, JSON.stringify(values));
  return file;
}

const chart = join(root, 'charts', 'otlp-client');
const fullScope = process.env.CLUSTER_SCOPE === 'full';

module.exports = {
  chart,
  createNamespace,
  fullScope,
  getJson,
  helm,
  helmAsync,
  kubectl,
  root,
  run,
  testCluster,
  valuesFile,
};
