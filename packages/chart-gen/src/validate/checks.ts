/** One named check of a chart rendering, as `chart-gen validate` reports it. */
export interface CheckResult {
  /** e.g. "helm4 lint --strict", "kubernetes 1.29 schema". */
  name: string;
  ok: boolean;
  /** Why it failed (Helm's own message, or one line per schema problem or finding). */
  detail?: string;
  /** Time spent in Helm processes (excluded from chart-gen's own speed figures). */
  helmMs: number;
  /** Time spent in chart-gen's own code (parsing, schema validation, policy-lint). */
  ownMs: number;
}

/** The report of one values file: the objects it renders and the checks it passed. */
export interface ValuesReport {
  /** "default" or the values file, relative to the chart. */
  values: string;
  /** Rendered object count by kind (Helm 4 template, newest validated Kubernetes). */
  objects: Record<string, number>;
  checks: CheckResult[];
}

export function passed(reports: ValuesReport[]): number {
  return reports.reduce((n, r) => n + r.checks.filter((c) => c.ok).length, 0);
}

export function failed(reports: ValuesReport[]): number {
  return reports.reduce((n, r) => n + r.checks.filter((c) => !c.ok).length, 0);
}

/** Runs `tasks` with at most `limit` at a time (the machine has few cores; Helm is CPU-bound). */
export async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
