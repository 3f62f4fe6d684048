#!/usr/bin/env node
// `node tools/cluster/cluster.mjs build|up|down|status` (Nx: workspace-tools:cluster-build,
// cluster-up, cluster-down). `up` builds the pinned binaries when the cache lacks them, starts the
// control plane in .cluster/ of the workspace and leaves it running; `down` stops it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildBinaries } from './build.mjs';
import { startCluster } from './control-plane.mjs';
import { cacheDir } from './paths.mjs';
import { stopProcess } from './processes.mjs';
import { etcdVersion, kubernetesVersion, kwokVersion } from './versions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterDir = join(root, '.cluster');
const stateFile = join(clusterDir, 'state.json');
const log = (line) => console.log(`cluster: ${line}`);

const usage = `usage: cluster.mjs <build|up|down|status> [--help]

  build   build kube-apiserver, kube-controller-manager, kube-scheduler (Kubernetes ${kubernetesVersion}),
          etcd ${etcdVersion} and KWOK ${kwokVersion} from the Go module proxy into ${cacheDir()}
  up      build if needed, start the control plane on free 127.0.0.1 ports, print KUBECONFIG
  down    stop the cluster \`up\` started and remove .cluster/
  status  say whether a cluster is up, and where`;

function readState() {
  return existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : undefined;
}

function build() {
  const started = performance.now();
  const results = buildBinaries({ log });
  const built = results.filter((r) => r.built);
  log(
    built.length
      ? `built ${built.map((r) => r.name).join(', ')} in ${((performance.now() - started) / 1000).toFixed(0)} s`
      : `binaries up to date in ${cacheDir()}`,
  );
}

async function up() {
  if (readState()) {
    log(`a cluster is already up (${stateFile}); run \`down\` first`);
    return 1;
  }
  build();
  rmSync(clusterDir, { recursive: true, force: true });
  const cluster = await startCluster({ dir: clusterDir, log });
  for (const p of cluster.processes) p.child.unref();
  writeFileSync(
    stateFile,
    JSON.stringify(
      {
        server: cluster.server,
        kubeconfig: cluster.kubeconfig,
        pids: cluster.processes.map((p) => ({ name: p.name, pid: p.pid })),
      },
      null,
      2,
    ),
  );
  log(`up in ${cluster.seconds.toFixed(1)} s; logs in ${clusterDir}`);
  console.log(`export KUBECONFIG=${cluster.kubeconfig}`);
  return 0;
}

async function down() {
  const state = readState();
  if (!state) {
    log('no cluster is up');
    return 0;
  }
  for (const p of [...state.pids].reverse()) await stopProcess(p.pid);
  rmSync(clusterDir, { recursive: true, force: true });
  log('stopped');
  return 0;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: 'boolean', short: 'h' } },
});
const command = positionals[0];
if (values.help || !command) {
  console.log(usage);
  process.exit(command || values.help ? 0 : 2);
}
const commands = {
  build: async () => (build(), 0),
  up,
  down,
  status: async () => {
    const state = readState();
    log(state ? `up at ${state.server}; KUBECONFIG=${state.kubeconfig}` : 'no cluster is up');
    return 0;
  },
};
if (!commands[command]) {
  console.error(`cluster: unknown command "${command}"\n${usage}`);
  process.exit(2);
}
try {
  process.exitCode = await commands[command]();
} catch (err) {
  console.error(`cluster: ${err.message}`);
  process.exitCode = 1;
}
