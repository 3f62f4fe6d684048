import { join } from 'node:path';
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

/** `chart-gen validate`: every check on every values case; exit code 1 when one fails. */
export async function validateCommand(
  o: ValidateCommandOptions,
): Promise<{ code: number; reports: ValuesReport[] }> {
  const reports = await validateChart({
    root: o.root,
    chart: o.chart ?? join(o.root, chartDir),
    valuesFiles: o.values?.length ? o.values : undefined,
  });
  o.out(formatReport(reports));
  if (o.results) writeTestResults(o.root, 'chart-gen-validate', passed(reports), failed(reports));
  return { code: failed(reports) > 0 ? 1 : 0, reports };
}
