// Starts a real control plane on free 127.0.0.1 ports: etcd, kube-apiserver (RBAC, Pod Security
// admission), kube-controller-manager, kube-scheduler and KWOK with fake nodes that make pods
// Running and Ready. No image is pulled and no container runs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kubeClient from './kube-client.cjs';
import { kwokStagesYaml } from './kwok-stages.mjs';
import { binDir, cacheDir } from './paths.mjs';
import { installTestCrds } from './crds.mjs';
import { kubeconfigYaml, makePki } from './pki.mjs';
import { freePort, logTail, startProcess, stopProcess, waitFor } from './processes.mjs';

const { KubeClient } = kubeClient;

/** The fake nodes: three zones, so the chart's zone spread and hostname anti-affinity have room. */
export const fakeNodes = ['a', 'b', 'c'].map((zone, i) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: `kwok-node-${i}`,
    annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
    labels: {
      'kubernetes.io/hostname': `kwok-node-${i}`,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'topology.kubernetes.io/zone': `zone-${zone}`,
      type: 'kwok',
    },
  },
  spec: {},
}));

/**
 * Starts a cluster in a new directory (or dir). Returns { dir, server, kubeconfig, pki, client,
 * processes, seconds, stop() }. On failure everything started so far is stopped and the error
 * carries the failing component's log tail.
 */
export async function startCluster({
  cache = cacheDir(),
  dir,
  log = () => {},
  nodes = fakeNodes,
  crds = true,
} = {}) {
  const started = performance.now();
  const clusterDir = dir ?? mkdtempSync(join(tmpdir(), 'otlp-kit-cluster-'));
  mkdirSync(clusterDir, { recursive: true });
  const bin = (name) => join(binDir(cache), name);
  const processes = [];
  const stop = async () => {
    for (const p of [...processes].reverse()) await stopProcess(p.pid);
    rmSync(clusterDir, { recursive: true, force: true });
  };
  try {
    const pki = makePki(clusterDir);
    const [etcdClient, etcdPeer, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const etcdUrl = `http://127.0.0.1:${etcdClient}`;
    const etcd = startProcess(clusterDir, 'etcd', bin('etcd'), [
      '--name=default',
      `--data-dir=${join(clusterDir, 'etcd-data')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      // A test cluster: losing its data on a crash is fine, waiting for fsync on every write is not.
      '--unsafe-no-fsync',
      '--quota-backend-bytes=1073741824',
    ]);
    processes.push(etcd);
    await waitFor('etcd /health', async () => (await fetch(`${etcdUrl}/health`)).ok, {
      timeoutMs: 30000,
      describe: () => logTail(etcd.logFile),
    });
    log(`etcd ready on ${etcdUrl}`);

    const server = `https://127.0.0.1:${apiPort}`;
    const apiserver = startProcess(clusterDir, 'kube-apiserver', bin('kube-apiserver'), [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${apiPort}`,
      `--tls-cert-file=${pki.serverCert}`,
      `--tls-private-key-file=${pki.serverKey}`,
      `--client-ca-file=${pki.ca}`,
      `--service-account-key-file=${pki.saPub}`,
      `--service-account-signing-key-file=${pki.saKey}`,
      '--service-account-issuer=https://kubernetes.default.svc',
      '--service-cluster-ip-range=10.96.0.0/16',
      '--authorization-mode=Node,RBAC',
      // Privileged containers reach Pod Security admission, which decides per namespace.
      '--allow-privileged=true',
      // PodSecurity is on by default since 1.25; naming it keeps that explicit.
      '--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,PodSecurity,DefaultStorageClass,ResourceQuota,NodeRestriction',
      `--cert-dir=${join(clusterDir, 'apiserver-certs')}`,
      '--profiling=false',
    ]);
    processes.push(apiserver);
    const client = new KubeClient(server, pki);
    await waitFor('kube-apiserver /readyz', async () => (await client.get('/readyz')).status === 200, {
      timeoutMs: 90000,
      describe: () => logTail(apiserver.logFile),
    });
    log(`kube-apiserver ready on ${server}`);

    const kubeconfig = join(clusterDir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigYaml(server, pki), { mode: 0o600 });
    processes.push(
      startProcess(clusterDir, 'kube-controller-manager', bin('kube-controller-manager'), [
        `--kubeconfig=${kubeconfig}`,
        `--authentication-kubeconfig=${kubeconfig}`,
        `--authorization-kubeconfig=${kubeconfig}`,
        `--service-account-private-key-file=${pki.saKey}`,
        `--root-ca-file=${pki.ca}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        `--secure-port=${await freePort()}`,
        '--use-service-account-credentials=false',
        // The HPA controller runs (objects are reconciled) though no metrics API answers it.
        '--controllers=*,-nodeipam,-service-lb-controller,-cloud-node-lifecycle,-route',
      ]),
      startProcess(clusterDir, 'kube-scheduler', bin('kube-scheduler'), [
        `--kubeconfig=${kubeconfig}`,
        `--authentication-kubeconfig=${kubeconfig}`,
        `--authorization-kubeconfig=${kubeconfig}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        `--secure-port=${await freePort()}`,
      ]),
    );
    const stages = join(clusterDir, 'kwok-stages.yaml');
    writeFileSync(stages, kwokStagesYaml(cache));
    const kwok = startProcess(clusterDir, 'kwok', bin('kwok'), [
      `--kubeconfig=${kubeconfig}`,
      `--config=${stages}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--node-lease-duration-seconds=40',
      `--server-address=127.0.0.1:${await freePort()}`,
      '--cidr=10.244.0.1/16',
      '--node-ip=10.240.0.1',
    ]);
    processes.push(kwok);
    for (const node of nodes) await client.create('/api/v1/nodes', node);
    await waitFor(
      `${nodes.length} Ready KWOK nodes`,
      async () => {
        const list = (await client.get('/api/v1/nodes')).body;
        const ready = (list.items ?? []).filter((n) =>
          (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        return ready.length === nodes.length;
      },
      { timeoutMs: 60000, describe: () => logTail(kwok.logFile) },
    );
    // The default ServiceAccount appears once the controller manager runs: pods need it.
    await waitFor(
      'the default ServiceAccount',
      async () => (await client.get('/api/v1/namespaces/default/serviceaccounts/default')).status === 200,
      {
        timeoutMs: 60000,
        describe: () => logTail(join(clusterDir, 'kube-controller-manager.log')),
      },
    );
    if (crds) await installTestCrds(client, waitFor);
    const seconds = (performance.now() - started) / 1000;
    log(`cluster ready in ${seconds.toFixed(1)} s (${nodes.length} KWOK nodes)`);
    return { dir: clusterDir, server, kubeconfig, pki, client, processes, seconds, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
