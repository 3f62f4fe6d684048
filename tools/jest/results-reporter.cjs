// Writes test-results/<project>.json ({project, passed, failed, skipped, suites}) after each
// Jest run. Nx caches it as the test target's output, so a cache hit replays the same counts
// and tools/scripts/test-summary.mjs can print CI's "N passed, N failed" line.
const fs = require('node:fs');
const path = require('node:path');

class ResultsReporter {
  constructor(_globalConfig, options) {
    this.project = options.project;
  }
  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '..', '..', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    const summary = {
      project: this.project,
      runner: 'jest',
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    fs.writeFileSync(path.join(dir, `${this.project}.json`), JSON.stringify(summary, null, 2) + '\n');
  }
}
module.exports = ResultsReporter;
