#!/usr/bin/env node
// Sums test-results/*.json (written by tools/jest/results-reporter.cjs and by the check targets
// that count their own checks) into CI's one-line verdict "N passed, N failed, N skipped".
const { readdirSync, readFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');

function summarize(dir) {
  const rows = [];
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.json')) continue;
      const r = JSON.parse(readFileSync(join(dir, name), 'utf8'));
      for (const k of ['passed', 'failed', 'skipped']) {
        if (!Number.isInteger(r[k]) || r[k] < 0)
          throw new Error(`${join(dir, name)}: "${k}" must be a non-negative integer`);
      }
      rows.push({
        name: name.replace(/\.json$/, ''),
        runner: r.runner ?? 'unknown',
        passed: r.passed,
        failed: r.failed,
        skipped: r.skipped,
      });
    }
  }
  const total = rows.reduce(
    (t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }),
    { passed: 0, failed: 0, skipped: 0 },
  );
  return { rows, total };
}

function formatSummary({ rows, total }) {
  const lines = rows.map(
    (r) =>
      `  ${r.name.padEnd(28)} ${r.runner.padEnd(8)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped).padStart(4)} skipped`,
  );
  lines.push(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return lines.join('\n');
}

module.exports = { summarize, formatSummary };

if (require.main === module) {
  const dir = process.argv[2] ?? join(process.cwd(), 'test-results');
  const s = summarize(dir);
  console.log(formatSummary(s));
  process.exit(s.total.failed > 0 || s.total.passed === 0 ? 1 : 0);
}
