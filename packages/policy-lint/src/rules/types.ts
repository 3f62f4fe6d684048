import type { K8sObject, Report, RuleFamily, Severity } from '../model/types.js';
import type { LintContext } from './context.js';

/** A lint rule: one file each, found through the registry (src/rules/registry.ts). */
export interface Rule {
  /** Stable kebab-case id, e.g. `rbac-wildcard`; used in config, suppressions and SARIF. */
  id: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** One sentence: what the rule flags. */
  description: string;
  /** What to change to pass. */
  remediation: string;
  /** Why it matters / the semantics followed; rendered into docs/rules.md. */
  details?: string;
  check(ctx: LintContext, report: Report): void;
}

export type ObjectPredicate = (object: K8sObject) => boolean;
