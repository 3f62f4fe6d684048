const preset = require('../jest.preset.cjs')(__dirname);

// Workspace scripts are plain Node modules; their tests are CommonJS and need no transform.
module.exports = {
  ...preset,
  testMatch: ['<rootDir>/test/**/*.test.cjs'],
  transform: {},
  testTimeout: 120000,
};
