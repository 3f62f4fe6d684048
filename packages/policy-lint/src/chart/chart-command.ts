import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../run.js';
import type { CliIo, CliOptions } from '../run.js';
import { chartSourceRoot, renderChart } from './render-chart.js';

export interface ChartCliOptions extends Omit<CliOptions, 'paths'> {
  dir: string;
  valuesFiles: string[];
  sets: string[];
  helm?: string;
  release?: string;
  namespace?: string;
}

/** `policy-lint chart DIR [-f values.yaml]... [--set k=v]...`: render with Helm, then lint. */
export function runChartCli(o: ChartCliOptions, io: CliIo): number {
  let chartName = '';
  try {
    const name = (
      parse(readFileSync(join(resolve(o.cwd, o.dir), 'Chart.yaml'), 'utf8')) as { name?: unknown }
    )?.name;
    if (typeof name === 'string') chartName = name;
  } catch {
    // renderChart reports a missing Chart.yaml with the directory's name.
  }
  const sourceRoot = o.sourceRoot ?? (chartName ? chartSourceRoot(o.dir, chartName, o.cwd) : undefined);
  return runCli({ ...o, paths: [o.dir], sourceRoot }, io, () =>
    renderChart({
      dir: o.dir,
      valuesFiles: o.valuesFiles,
      sets: o.sets,
      helm: o.helm ?? 'helm',
      release: o.release ?? 'release',
      namespace: o.namespace ?? 'default',
      cwd: o.cwd,
    }),
  );
}
