// The container-image end-to-end test (`nx run otlp-client:e2e`), apart from the unit and
// integration tests because it needs the image built first and a container engine.
const base = require('../../jest.preset.cjs')(__dirname);

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  reporters: base.reporters.map((r) => (Array.isArray(r) ? [r[0], { project: 'otlp-client-e2e' }] : r)),
};
