import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chartDir } from '../generate/chart-files.js';
import { failed, passed } from '../validate/checks.js';
import type { ValuesReport } from '../validate/checks.js';
import { formatReport, writeTestResults } from '../validate/report.js';
import { validateChart } from '../validate/validate-chart.js';

export interface ValidateCommandOptions {
  root: string;
  chart?: string;
  values?: string[];
  /** Write test-results/chart-gen-validate.json for `npm test`'s summary. */
  results?: boolean;
  out: (s: string) => void;
}

/** A chart directory or values file that is not there: reported once, before any Helm process runs. */
export class MissingInputError extends Error {
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'MissingInputError';
  }
}

/** Every named input that is missing or of the wrong kind, each with the option that named it. */
export function missingInputs(chart: string, valuesFiles: readonly string[]): string[] {
  const problems: string[] = [];
  if (!existsSync(chart) || !statSync(chart).isDirectory())
    problems.push(`--chart ${chart}: no such directory`);
  else if (!existsSync(join(chart, 'Chart.yaml')))
    problems.push(`--chart ${chart}: not a Helm chart (no Chart.yaml)`);
  for (const file of valuesFiles) {
    if (!existsSync(file)) problems.push(`--values ${file}: no such file`);
    else if (!statSync(file).isFile()) problems.push(`--values ${file}: not a file`);
  }
  return problems;
}

/**
 * `chart-gen validate`: every check on every values case; exit code 1 when one fails. A missing
 * chart or values file throws MissingInputError (exit 2) before Helm runs.
 */
export async function validateCommand(
  o: ValidateCommandOptions,
): Promise<{ code: number; reports: ValuesReport[] }> {
  const chart = o.chart ? resolve(o.chart) : join(o.root, chartDir);
  const valuesFiles = o.values?.length ? o.values.map((f) => resolve(f)) : undefined;
  const problems = missingInputs(chart, valuesFiles ?? []);
  if (problems.length) throw new MissingInputError(problems);
  const reports = await validateChart({ root: o.root, chart, valuesFiles });
  o.out(formatReport(reports));
  if (o.results) writeTestResults(o.root, 'chart-gen-validate', passed(reports), failed(reports));
  return { code: failed(reports) > 0 ? 1 : 0, reports };
}
