// Builds the control-plane binaries when the cache lacks them (printing how long it took) and
// starts one cluster for every test file; the tests find it through OTLP_KIT_TEST_CLUSTER.
module.exports = async function globalSetup() {
  const { buildBinaries } = await import('../../../cluster/build.mjs');
  const { startCluster } = await import('../../../cluster/control-plane.mjs');
  const log = (line) => process.stdout.write(`cluster: ${line}\n`);
  const built = buildBinaries({ log }).filter((r) => r.built);
  if (built.length) log(`built ${built.map((r) => `${r.name} ${r.seconds.toFixed(0)} s`).join(', ')}`);
  const cluster = await startCluster({ log });
  globalThis.otlpKitCluster = cluster;
  process.env.OTLP_KIT_TEST_CLUSTER = JSON.stringify({
    server: cluster.server,
    kubeconfig: cluster.kubeconfig,
    pki: cluster.pki,
    dir: cluster.dir,
  });
};
