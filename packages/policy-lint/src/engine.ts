import picomatch from 'picomatch';
import { relative } from 'node:path';
import type { PolicyLintConfig } from './config/types.js';
import { emptyConfig } from './config/types.js';
import { parseManifests } from './input/parse.js';
import type { InputProblem, ParseOptions } from './input/parse.js';
import { formatPath } from './model/path.js';
import type { Finding, K8sObject, RuleFamily, Severity } from './model/types.js';
import { namespaceOf } from './model/workload.js';
import { LintContext } from './rules/context.js';
import type { PssSettings } from './rules/context.js';
import { ruleById, rules } from './rules/registry.js';
import { ignoreAnnotation, isSuppressed, suppressionOf } from './suppress.js';

export interface LintOptions {
  /** Rule families to run (all when empty); input problems are always reported. */
  only?: readonly RuleFamily[];
  pss?: PssSettings;
  config?: PolicyLintConfig;
  parse?: ParseOptions;
}

export interface LintSummary {
  files: number;
  objects: number;
  error: number;
  warning: number;
  info: number;
  suppressed: number;
}

export interface LintResult {
  findings: Finding[];
  summary: LintSummary;
}

export interface ManifestSource {
  /** As shown in findings (repository-relative where possible). */
  file: string;
  text: string;
}

/** The severity a rule runs at under a configuration, or undefined when it is switched off. */
export function effectiveSeverity(ruleId: string, config: PolicyLintConfig): Severity | undefined {
  const setting = config.rules[ruleId];
  if (setting === 'off') return undefined;
  return setting ?? ruleById(ruleId)?.defaultSeverity;
}

/** Lints manifest texts: parse (never throws), run the selected rules, resolve locations lazily. */
export function lintSources(sources: readonly ManifestSource[], options: LintOptions = {}): LintResult {
  const config = options.config ?? emptyConfig;
  const ignored = config.ignorePaths.length > 0 ? picomatch(config.ignorePaths, { dot: true }) : undefined;
  const objects: K8sObject[] = [];
  const problems: InputProblem[] = [];
  let files = 0;
  for (const src of sources) {
    if (ignored && ignored(config.baseDir ? relative(config.baseDir, src.file) : src.file)) continue;
    files++;
    const parsed = parseManifests(src.text, src.file, options.parse);
    // One at a time: a spread of a huge file's objects overflows the call stack (RangeError).
    for (const o of parsed.objects) objects.push(o);
    for (const p of parsed.problems) problems.push(p);
  }
  const result = lintObjects(objects, options);
  for (const p of problems) {
    const severity = effectiveSeverity(p.ruleId, config);
    if (!severity) continue;
    result.findings.push({
      ruleId: p.ruleId,
      severity,
      message: p.message,
      ...p.location,
      kind: '',
      namespace: '',
      name: '',
      path: '',
      suppressed: false,
    });
  }
  result.findings.sort(compareFindings);
  return { findings: result.findings, summary: summarize(result.findings, files, objects.length) };
}

/** Runs the rules over already-parsed objects. */
export function lintObjects(objects: readonly K8sObject[], options: LintOptions = {}): LintResult {
  const config = options.config ?? emptyConfig;
  const only = options.only && options.only.length > 0 ? options.only : config.only;
  const ctx = new LintContext(objects, options.pss ?? {});
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const suppressions = new Map<K8sObject, ReturnType<typeof suppressionOf>>();
  for (const rule of rules) {
    if (rule.family === 'input') continue;
    if (only.length > 0 && !only.includes(rule.family)) continue;
    const severity = effectiveSeverity(rule.id, config);
    if (!severity) continue;
    rule.check(ctx, ({ object, path, message }) => {
      const fullPath = formatPath([...object.basePath, ...path]);
      const key = `${rule.id}\0${object.kind}\0${object.namespace ?? ''}\0${object.name}\0${fullPath}\0${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (!suppressions.has(object)) suppressions.set(object, suppressionOf(object));
      const suppression = suppressions.get(object);
      const suppressed = isSuppressed(suppression, rule.id);
      const loc = object.locate(path);
      findings.push({
        ruleId: rule.id,
        severity,
        message,
        file: loc.file,
        line: loc.line,
        column: loc.column,
        kind: object.kind,
        namespace: isNamespaced(object) ? namespaceOf(object) : '',
        name: object.name,
        path: formatPath(path),
        suppressed,
        ...(suppressed ? { suppression: suppression?.reason } : {}),
      });
    });
  }
  const unknownIgnore = effectiveSeverity('input-unknown-ignore-rule', config);
  if (unknownIgnore)
    for (const object of objects) {
      const suppression = suppressions.has(object) ? suppressions.get(object) : suppressionOf(object);
      for (const id of suppression?.rules ?? []) {
        if (id === 'all' || ruleById(id)) continue;
        const path = ['metadata', 'annotations', ignoreAnnotation];
        const loc = object.locate(path);
        findings.push({
          ruleId: 'input-unknown-ignore-rule',
          severity: unknownIgnore,
          message: `${ignoreAnnotation} names "${id}", which is no rule: it suppresses nothing`,
          file: loc.file,
          line: loc.line,
          column: loc.column,
          kind: object.kind,
          namespace: isNamespaced(object) ? namespaceOf(object) : '',
          name: object.name,
          path: formatPath(path),
          suppressed: false,
        });
      }
    }
  findings.sort(compareFindings);
  return { findings, summary: summarize(findings, 0, objects.length) };
}

const clusterScopedKinds = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'Node',
  'PersistentVolume',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

function isNamespaced(object: K8sObject): boolean {
  return !clusterScopedKinds.has(object.kind);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

function summarize(findings: readonly Finding[], files: number, objects: number): LintSummary {
  const s: LintSummary = { files, objects, error: 0, warning: 0, info: 0, suppressed: 0 };
  for (const f of findings) {
    if (f.suppressed) s.suppressed++;
    else s[f.severity]++;
  }
  return s;
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** Whether any unsuppressed finding reaches the threshold severity. */
export function reachesThreshold(findings: readonly Finding[], failOn: Severity): boolean {
  return findings.some((f) => !f.suppressed && rank[f.severity] >= rank[failOn]);
}
