import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { failed, passed } from './checks.js';
import type { ValuesReport } from './checks.js';

/** A readable report: per values file, the objects it renders and each check, with failures in full. */
export function formatReport(reports: ValuesReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const kinds = Object.entries(r.objects)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    const total = Object.values(r.objects).reduce((a, b) => a + b, 0);
    lines.push(`values: ${r.values} — ${total} objects${kinds ? ` (${kinds})` : ''}`);
    for (const c of r.checks) {
      lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}`);
      if (c.detail) lines.push(...c.detail.split('\n').map((l) => `         ${l}`));
    }
  }
  const helmMs = reports.flatMap((r) => r.checks).reduce((t, c) => t + c.helmMs, 0);
  const ownMs = reports.flatMap((r) => r.checks).reduce((t, c) => t + c.ownMs, 0);
  lines.push(
    `${passed(reports)} checks passed, ${failed(reports)} failed (Helm processes ${(helmMs / 1000).toFixed(1)} s in total, chart-gen's own checks ${(ownMs / 1000).toFixed(2)} s)`,
  );
  return lines.join('\n') + '\n';
}

/** test-results/<name>.json, summed into `npm test`'s "N passed, N failed" line. */
export function writeTestResults(root: string, name: string, passedCount: number, failedCount: number): void {
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${name}.json`),
    JSON.stringify(
      { project: name, runner: 'chart-gen', passed: passedCount, failed: failedCount, skipped: 0 },
      null,
      2,
    ) + '\n',
  );
}
