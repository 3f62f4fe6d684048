#!/usr/bin/env node
// `npm test`: every check the repository has, then one summary line. Each step runs even when an
// earlier one failed, so a red run shows everything that is wrong at once.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import testSummary from './test-summary.cjs';

const { formatSummary, summarize } = testSummary;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
};
const nx = join(root, 'node_modules', '.bin', 'nx');
const extra = process.argv.slice(2);

const steps = [
  [
    'system tools the tests run (installed when missing)',
    [process.execPath, join(root, 'tools', 'scripts', 'system-tools.mjs')],
  ],
  ['TypeScript project references are in sync', [nx, 'sync:check']],
  ['formatting (prettier)', [nx, 'format:check', '--all']],
  [
    'build, typecheck (tests too), lint, test, checks and validation of every project',
    [
      nx,
      'run-many',
      '-t',
      'build',
      'typecheck',
      'lint',
      'test',
      'check',
      'validate',
      'lint-workflows',
      'shellcheck',
      'e2e',
      'soak-short',
      'cluster-test',
      'observability-short',
      '--output-style=static',
      ...extra,
    ],
  ],
];

rmSync(join(root, 'test-results'), { recursive: true, force: true });
const failedSteps = [];
for (const [title, [cmd, ...args]] of steps) {
  console.log(`\n=== ${title}: ${[cmd.replace(root + '/', ''), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) failedSteps.push(title);
}

const summary = summarize(join(root, 'test-results'));
console.log('\n=== test results');
console.log(formatSummary(summary));
if (failedSteps.length > 0) console.error(`failed steps: ${failedSteps.join('; ')}`);
if (summary.total.passed === 0) console.error('no test ran: that is a failure, not a pass');
process.exit(failedSteps.length > 0 || summary.total.failed > 0 || summary.total.passed === 0 ? 1 : 0);
