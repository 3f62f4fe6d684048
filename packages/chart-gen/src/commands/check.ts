import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartDir, generateFiles, generatorName } from '../generate/chart-files.js';
import { writeTestResults } from '../validate/report.js';
import { listFiles } from './generate.js';

export interface Drift {
  path: string;
  problem: 'missing' | 'differs' | 'not generated';
  /** First differing line, for "differs". */
  line?: number;
}

/** Compares the committed chart and schemas with what the generator produces now. */
export function check(root: string): Drift[] {
  const files = generateFiles();
  const drift: Drift[] = [];
  for (const [path, expected] of files) {
    const abs = join(root, path);
    if (!existsSync(abs)) {
      drift.push({ path, problem: 'missing' });
      continue;
    }
    const actual = readFileSync(abs, 'utf8');
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      let line = 0;
      while (line < Math.max(a.length, e.length) && a[line] === e[line]) line++;
      drift.push({ path, problem: 'differs', line: line + 1 });
    }
  }
  for (const path of listFiles(root, chartDir)) {
    if (!files.has(path)) drift.push({ path, problem: 'not generated' });
  }
  return drift;
}

/** `chart-gen check`: prints the drift; 1 when there is any. */
export function checkCommand(root: string, results: boolean, out: (s: string) => void): number {
  const drift = check(root);
  const total = generateFiles().size;
  for (const d of drift)
    out(`${d.path}: ${d.problem}${d.line ? ` (first difference at line ${d.line})` : ''}\n`);
  if (drift.length > 0)
    out(`${drift.length} generated files drifted: run ${generatorName} and commit the result\n`);
  else out(`${total} generated files match their sources\n`);
  if (results)
    writeTestResults(
      root,
      'chart-gen-check',
      total - drift.filter((d) => d.problem !== 'not generated').length,
      drift.length,
    );
  return drift.length > 0 ? 1 : 0;
}
