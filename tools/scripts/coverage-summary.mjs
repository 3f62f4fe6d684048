#!/usr/bin/env node
// Markdown table of the Jest coverage summaries under coverage/<project>/ (written when tests run
// with COVERAGE=true), for a GitHub job summary: `node tools/scripts/coverage-summary.mjs >> "$GITHUB_STEP_SUMMARY"`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'coverage');
const metrics = ['lines', 'statements', 'branches', 'functions'];

const rows = [];
for (const project of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const file = join(dir, project, 'coverage-summary.json');
  if (!existsSync(file)) continue;
  const { total } = JSON.parse(readFileSync(file, 'utf8'));
  rows.push(
    `| ${project} | ${metrics.map((m) => `${total[m].pct}% (${total[m].covered}/${total[m].total})`).join(' | ')} |`,
  );
}
console.log('### Test coverage\n');
if (rows.length === 0) console.log('No coverage was collected (no affected project ran its tests).');
else
  console.log(
    [`| project | ${metrics.join(' | ')} |`, `|---|${metrics.map(() => '---').join('|')}|`, ...rows].join(
      '\n',
    ),
  );
