const preset = require('../jest.preset.cjs')(__dirname);

// End-to-end tests of what a release ships (`nx run workspace-tools:e2e`): the packed npm
// tarballs, and the image and chart pushed to a real registry. Apart from the unit tests because
// they need the packages built and, for the registry one, a container engine.
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.cjs'],
  transform: {},
  testTimeout: 300000,
  reporters: preset.reporters.map((r) => (Array.isArray(r) ? [r[0], { project: 'workspace-tools-e2e' }] : r)),
};
