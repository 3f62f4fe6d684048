module.exports = async function globalTeardown() {
  await globalThis.otlpKitCluster?.stop();
};
