import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { generate } from '../src/commands/generate.js';
import { chartDir } from '../src/generate/chart-files.js';
import { workspaceRoot } from '../src/workspace.js';

export const root = workspaceRoot(__dirname);
export const helm4 = join(root, 'tools', 'bin', 'helm');
export const helm3 = join(root, 'tools', 'bin', 'helm3');

/** A freshly generated chart in a temporary directory (the committed one stays untouched). */
export function freshChart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chart-gen-'));
  generate(dir);
  return join(dir, chartDir);
}

/** A copy of a chart directory that a test may change. */
export function copyChart(chart: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chart-copy-'));
  cpSync(chart, dir, { recursive: true });
  return dir;
}

export function valuesFile(values: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'values-')), 'values.yaml');
  writeFileSync(file, stringify(values));
  return file;
}

/** Runs a Helm binary; never throws, so a test can assert on the exit code and message. */
export function runHelm(bin: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

export function helmTemplate(chart: string, args: string[] = []): string {
  return execFileSync(helm4, ['template', 'otlp', chart, '-n', 'observability', ...args], {
    encoding: 'utf8',
  });
}

/** A rendered Kubernetes object, loosely typed for assertions. */
export interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: any;
  [key: string]: any;
}

/**
 * `helm template otlp CHART -n observability -f <values>` with a Helm binary; never throws: the
 * exit code, the parsed objects (none when Helm failed), the text and Helm's stderr.
 */
export function renderValues(
  bin: string,
  chart: string,
  values: object,
  extra: string[] = [],
): { code: number; objects: Manifest[]; text: string; stdout: string; stderr: string } {
  const r = runHelm(bin, [
    'template',
    'otlp',
    chart,
    '-n',
    'observability',
    '-f',
    valuesFile(values),
    ...extra,
  ]);
  const objects =
    r.code === 0
      ? parseAllDocuments(r.stdout)
          .map((d) => d.toJS() as Manifest)
          .filter(Boolean)
      : [];
  return { code: r.code, objects, text: r.stdout, stdout: r.stdout, stderr: r.stderr };
}
