// deploy.sh and monitor.sh for real, against the test control plane: a first install and an
// upgrade end to end (namespace labelled, rollout watched, helm test as the health check), then an
// upgrade whose pods admission refuses, which --rollback-on-failure (Helm 4) rolls back.
const { join } = require('node:path');
const { getJson, kubectl, root, run, testCluster } = require('./support/cluster.cjs');
const { writeFileSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');

const deploy = join(root, 'tools', 'deploy', 'deploy.sh');
const monitor = join(root, 'tools', 'deploy', 'monitor.sh');
const ns = 'deploy-script';
const env = { HELM: join(root, 'tools', 'bin', 'helm'), KUBECTL: join(root, 'tools', 'bin', 'kubectl') };

function script(file, args) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return run('bash', [file, ...args]);
  } finally {
    process.env = saved;
  }
}

function values(object) {
  const file = join(mkdtempSync(join(tmpdir(), 'deploy-values-')), 'values.json');
  writeFileSync(file, JSON.stringify(object));
  return file;
}

const revision = () =>
  Number(
    getJson(['secrets', '-n', ns, '-l', 'owner=helm,name=otlp,status=deployed']).items[0].metadata.labels
      .version,
  );

beforeAll(() => testCluster());
afterAll(() => kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']));

it('installs: the namespace gets its Pod Security labels, the rollout and helm test pass', () => {
  const r = script(deploy, [
    '-n',
    ns,
    '--timeout',
    '3m',
    '-f',
    values({ autoscaling: { enabled: false }, replicaCount: 2 }),
  ]);
  expect([r.code, r.stderr.match(/^deploy\.sh: .*/m)?.[0]]).toEqual([0, undefined]);
  expect(r.stderr).toContain('==> health check (helm test)');
  expect(r.stdout).toMatch(/Phase:\s+Succeeded/);
  expect(getJson(['namespace', ns]).metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  expect(getJson(['deployment', 'otlp-otlp-client', '-n', ns]).status.availableReplicas).toBe(2);
  expect(revision()).toBe(1);
});

it('upgrades end to end', () => {
  const r = script(deploy, [
    '-n',
    ns,
    '--timeout',
    '3m',
    '-f',
    values({ autoscaling: { enabled: false }, replicaCount: 3 }),
  ]);
  expect(r.code).toBe(0);
  expect(getJson(['deployment', 'otlp-otlp-client', '-n', ns]).status.availableReplicas).toBe(3);
  expect(revision()).toBe(2);
});

it('a failed upgrade (pods refused: no such PriorityClass) is rolled back, and deploy.sh fails', () => {
  const r = script(deploy, [
    '-n',
    ns,
    '--timeout',
    '20s',
    '-f',
    values({ autoscaling: { enabled: false }, replicaCount: 3, priorityClassName: 'no-such-class' }),
  ]);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/rollback|rolled back/i);
  // Revision 3 failed; the rollback is revision 4, deployed with revision 2's values.
  expect(revision()).toBe(4);
  const spec = getJson(['deployment', 'otlp-otlp-client', '-n', ns]).spec.template.spec;
  expect(spec.priorityClassName).toBeUndefined();
});

it('monitor.sh reports the pods and events, and says that KWOK nodes serve no logs', () => {
  const r = script(monitor, ['-n', ns, '--lines', '5']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/== pods \(deploy-script, release otlp\)\n.*NAME\s+READY\s+STATUS/s);
  expect((r.stdout.match(/otlp-otlp-client-\S+\s+1\/1\s+Running/g) ?? []).length).toBe(3);
  expect(r.stdout).toMatch(/no logs available|no log lines yet/);
  expect(r.stdout).toContain('no metrics API');
  expect(r.stdout).toMatch(/== recent events[\s\S]*(Scheduled|ScalingReplicaSet|SuccessfulCreate)/);
});
