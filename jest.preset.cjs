// Shared Jest settings for every package: ts-jest without type-checking (the build and
// typecheck targets do that once), source-condition resolution of sibling workspaces, and a
// reporter that writes machine-readable results for .ci/run's "N passed, N failed" line.
const path = require('node:path');

module.exports = function preset(projectDir) {
  const name = require(path.join(projectDir, 'package.json')).nx?.name ?? path.basename(projectDir);
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    // In CI a leaked handle (a server a failed test never closed) must not hang the run after the
    // results are in; locally, Jest's open-handle warning points at the leak instead.
    forceExit: process.env.CI === 'true',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        'ts-jest',
        { tsconfig: '<rootDir>/tsconfig.spec.json', isolatedModules: true, diagnostics: false },
      ],
    },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    testEnvironmentOptions: { customExportConditions: ['@otlp-kit/source', 'node', 'require', 'default'] },
    // COVERAGE=true (ci.yml) is Jest's --coverage for every project at once: a per-project summary
    // that tools/scripts/coverage-summary.mjs turns into the job summary.
    collectCoverage: process.env.COVERAGE === 'true',
    collectCoverageFrom: ['<rootDir>/src/**/*.ts', '<rootDir>/scripts/**/*.{cjs,mjs}'],
    coverageDirectory: path.join(__dirname, 'coverage', name),
    coverageReporters: ['json-summary', 'text-summary'],
    reporters: [
      'default',
      [path.join(__dirname, 'tools', 'jest', 'results-reporter.cjs'), { project: name }],
    ],
  };
};
