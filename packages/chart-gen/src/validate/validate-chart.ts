import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { lintSources } from '@otlp-kit/policy-lint';
import { chartMetadata } from '../chart-metadata.js';
import { crdApis } from '../templates/context.js';
import { helm } from '../helm/helm.js';
import type { Helm, HelmResult } from '../helm/helm.js';
import { limited } from './checks.js';
import type { CheckResult, ValuesReport } from './checks.js';
import { KubeSchemaValidator } from './kube-schema.js';
import { countKinds, parseRendered } from './rendered.js';

export interface ValidateOptions {
  /** Workspace root (tools/bin/helm lives there). */
  root: string;
  /** The chart directory. */
  chart: string;
  /** Values files; default: the chart's defaults plus every ci/*.yaml. */
  valuesFiles?: string[];
  /** Kubernetes versions every rendering is validated against. */
  kubeVersions?: readonly string[];
  /** Most Helm processes at once. */
  concurrency?: number;
}

const release = 'otlp';
const namespace = 'observability';

/** The chart's defaults ("default") and its ci/*.yaml files, which together switch on every feature. */
export function defaultValuesCases(chart: string): (string | undefined)[] {
  const ci = join(chart, 'ci');
  const files = existsSync(ci)
    ? readdirSync(ci)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(ci, f))
    : [];
  return [undefined, ...files];
}

/** Repository-relative when the path is inside the workspace, else absolute. */
function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/**
 * What a failed Helm run said: its [ERROR] and [WARNING] lines (helm lint --quiet prints them on
 * stdout and only "Error: 1 chart(s) linted, 1 chart(s) failed" on stderr), then stderr.
 */
export function helmFailureDetail(r: Pick<HelmResult, 'stdout' | 'stderr'>): string {
  const stdout = r.stdout.split('\n').map((line) => line.trimEnd());
  const first = stdout.findIndex((line) => /^\[(ERROR|WARNING)\]/.test(line.trim()));
  // From the first finding on (a finding may continue on the next lines), without Helm's banners.
  const lintLines =
    first < 0 ? [] : stdout.slice(first).filter((line) => line.trim() && !line.startsWith('==> '));
  const stderr = r.stderr.trim().split('\n').filter(Boolean);
  const lines = [...lintLines, ...stderr];
  if (lines.length === 0) lines.push(...r.stdout.trim().split('\n'));
  return lines.slice(0, 30).join('\n');
}

function helmCheck(name: string, r: HelmResult): CheckResult {
  const detail = r.code === 0 ? undefined : helmFailureDetail(r);
  return { name, ok: r.code === 0, detail, helmMs: r.ms, ownMs: 0 };
}

/**
 * Validates the chart for every values case: `helm lint --strict` (Helm 4 and 3), `helm template`
 * (Helm 4 at each Kubernetes version, Helm 3 at the newest), Helm 4 `install --dry-run=client`,
 * strict Kubernetes schema validation of every rendered object at each version, and policy-lint
 * with zero findings.
 */
export async function validateChart(options: ValidateOptions): Promise<ValuesReport[]> {
  const { root, chart } = options;
  const kubeVersions = options.kubeVersions ?? chartMetadata.validatedKubeVersions;
  const newest = kubeVersions[kubeVersions.length - 1];
  const helm4 = helm(root, 4);
  const helm3 = helm(root, 3);
  const validators = await Promise.all(
    kubeVersions.map((v) => KubeSchemaValidator.create(v.split('.').slice(0, 2).join('.'))),
  );
  const cases = options.valuesFiles ?? defaultValuesCases(chart);
  const apiVersions = Object.values(crdApis).flatMap((a) => ['--api-versions', a]);

  const tasks: (() => Promise<void>)[] = [];
  const reports: ValuesReport[] = cases.map((file) => ({
    values: file ? relative(chart, file) : 'default',
    objects: {},
    checks: [],
  }));
  cases.forEach((file, i) => {
    const report = reports[i];
    const f = file ? ['-f', file] : [];
    const add = (h: Helm, name: string, args: string[], then?: (r: HelmResult) => void) =>
      tasks.push(async () => {
        const r = await h.run(args);
        report.checks.push(helmCheck(name, r));
        if (r.code === 0 && then) then(r);
      });
    add(helm4, 'helm4 lint --strict', ['lint', '--strict', '--quiet', chart, ...f]);
    add(helm3, 'helm3 lint --strict', ['lint', '--strict', '--quiet', chart, ...f]);
    add(helm3, `helm3 template (kubernetes ${newest})`, [
      'template',
      release,
      chart,
      '-n',
      namespace,
      '--kube-version',
      newest,
      ...apiVersions,
      ...f,
    ]);
    add(helm4, 'helm4 install --dry-run=client', [
      'install',
      release,
      chart,
      '-n',
      namespace,
      '--dry-run=client',
      ...f,
    ]);
    kubeVersions.forEach((kube, k) =>
      add(
        helm4,
        `helm4 template (kubernetes ${kube})`,
        ['template', release, chart, '-n', namespace, '--kube-version', kube, ...apiVersions, ...f],
        (r) => {
          const started = performance.now();
          const objects = parseRendered(r.stdout);
          const problems = objects.flatMap((o) =>
            validators[k]
              .validate(o.object)
              .map((p) => `${o.source}: ${p.kind}/${p.name} ${p.path || '/'}: ${p.message}`),
          );
          report.checks.push({
            name: `kubernetes ${kube} schema (strict)`,
            ok: problems.length === 0,
            detail: problems.join('\n') || undefined,
            helmMs: 0,
            ownMs: performance.now() - started,
          });
          if (kube !== newest) return;
          report.objects = countKinds(objects);
          const lintStarted = performance.now();
          const lint = lintSources([{ file: `${displayPath(root, chart)}/rendered.yaml`, text: r.stdout }], {
            parse: { sourceRoot: displayPath(root, dirname(chart)) },
          });
          const findings = lint.findings.filter((x) => !x.suppressed);
          report.checks.push({
            name: 'policy-lint (zero findings)',
            ok: findings.length === 0,
            detail:
              findings
                .map(
                  (x) =>
                    `${x.file}:${x.line}:${x.column} ${x.severity} ${x.ruleId} ${x.kind}/${x.name}: ${x.message}`,
                )
                .join('\n') || undefined,
            helmMs: 0,
            ownMs: performance.now() - lintStarted,
          });
        },
      ),
    );
  });
  await limited(options.concurrency ?? 2, tasks);
  for (const r of reports) r.checks.sort((a, b) => a.name.localeCompare(b.name));
  return reports;
}
