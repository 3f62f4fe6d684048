import type { RuleFamily, Severity } from '../model/types.js';

/** A rule's setting in .policy-lint.yaml: a severity, or "off". */
export type RuleSetting = Severity | 'off';

/** The parsed .policy-lint.yaml. */
export interface PolicyLintConfig {
  /** Per-rule severity or "off". */
  rules: Record<string, RuleSetting>;
  /** Glob patterns (relative to the config file's directory) of files not to lint. */
  ignorePaths: string[];
  /** Rule families to run; all when empty. */
  only: RuleFamily[];
  failOn?: Severity | 'none';
  pss: { level?: string; version?: string };
  /** Where the configuration came from, for messages. */
  source?: string;
  /** Directory the ignorePaths are relative to. */
  baseDir?: string;
}

export const emptyConfig: PolicyLintConfig = { rules: {}, ignorePaths: [], only: [], pss: {} };
