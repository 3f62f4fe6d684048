import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ManifestSource } from '../engine.js';
import { InputError } from '../run.js';

export interface ChartRenderOptions {
  /** The chart directory (with Chart.yaml). */
  dir: string;
  /** Values files: one rendering each; none means one rendering with the chart's defaults. */
  valuesFiles: readonly string[];
  /** --set overrides, applied to every rendering. */
  sets: readonly string[];
  /** The Helm binary (default: helm on PATH). */
  helm: string;
  release: string;
  namespace: string;
  /** Directory paths are shown relative to (the working directory). */
  cwd: string;
}

/**
 * Renders a chart with real Helm (`helm template`), once per values file, as manifest sources.
 * Helm's "# Source: <chart>/templates/x.yaml" comments then point findings at the template file;
 * sourceRoot() gives the prefix that makes those paths real (relative to the working directory).
 */
export function renderChart(o: ChartRenderOptions): ManifestSource[] {
  const dir = resolve(o.cwd, o.dir);
  if (!existsSync(join(dir, 'Chart.yaml')))
    throw new InputError(`${o.dir}: not a Helm chart (no Chart.yaml)`);
  const valuesFiles = o.valuesFiles.map((f) => resolve(o.cwd, f));
  valuesFiles.forEach((f, i) => {
    if (!existsSync(f)) throw new InputError(`-f ${o.valuesFiles[i]}: no such file`);
  });
  const cases = valuesFiles.length > 0 ? valuesFiles.map((f) => [f]) : [[]];
  return cases.map(([file]) => {
    const args = ['template', o.release, dir, '--namespace', o.namespace];
    if (file) args.push('--values', file);
    for (const s of o.sets) args.push('--set', s);
    const r = spawnSync(o.helm, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.error)
      throw new InputError(
        `cannot run Helm (${o.helm}): ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}; install it or pass --helm PATH`,
      );
    if (r.status !== 0)
      throw new InputError(
        `helm template ${o.dir}${file ? ` -f ${file}` : ''} failed:\n${(r.stderr || r.stdout).trim()}`,
      );
    const what = file ? relative(o.cwd, file) : 'default values';
    return { file: `${relative(o.cwd, dir) || '.'} (${what})`, text: r.stdout };
  });
}

/**
 * The --source-root that turns Helm's "<chart name>/templates/x.yaml" into the file's path from
 * the working directory; undefined when the directory is not named after the chart (then the
 * chart-relative path is shown as Helm gives it).
 */
export function chartSourceRoot(dir: string, chartName: string, cwd: string): string | undefined {
  const abs = resolve(cwd, dir);
  if (basename(abs) !== chartName) return undefined;
  return relative(cwd, dirname(abs)) || '.';
}
