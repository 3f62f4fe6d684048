const preset = require('../jest.preset.cjs')(__dirname);

// Tests against a real control plane (`nx run workspace-tools:cluster-test`, in `npm test`; the
// full set with CLUSTER_SCOPE=full is `cluster-e2e`). One cluster for the run, started by the
// global setup from the cached binaries (built first when missing) and stopped by the teardown.
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/test/cluster/**/*.cluster.cjs'],
  // Every values file with both Helm versions belongs to the full run (cluster-e2e) only.
  testPathIgnorePatterns: process.env.CLUSTER_SCOPE === 'full' ? [] : ['/values-files\\.cluster\\.cjs$'],
  transform: {},
  // The packages as built (dist/), not their TypeScript sources: these tests have no transform.
  testEnvironmentOptions: { customExportConditions: ['node', 'require', 'default'] },
  testTimeout: 600000,
  globalSetup: '<rootDir>/test/cluster/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/cluster/support/global-teardown.cjs',
  reporters: preset.reporters.map((r) =>
    Array.isArray(r)
      ? [
          r[0],
          {
            project:
              process.env.CLUSTER_SCOPE === 'full'
                ? 'workspace-tools-cluster-e2e'
                : 'workspace-tools-cluster',
          },
        ]
      : r,
  ),
};
