// Public API of @otlp-kit/policy-lint.
export { lintSources, lintObjects, reachesThreshold, effectiveSeverity } from './engine.js';
export type { LintOptions, LintResult, LintSummary, ManifestSource } from './engine.js';
export { parseManifests } from './input/parse.js';
export type { ParsedInput, ParseOptions, InputProblem } from './input/parse.js';
export { readSources, UnreadableInputError } from './input/sources.js';
export { defaultInputLimits } from './input/limits.js';
export type { InputLimits } from './input/limits.js';
export type {
  Finding,
  K8sObject,
  Severity,
  RuleFamily,
  FieldPath,
  SourceLocation,
  Violation,
} from './model/types.js';
export { rules, ruleById } from './rules/registry.js';
export type { Rule } from './rules/types.js';
export { LintContext } from './rules/context.js';
export type { PssSettings, PssPolicy } from './rules/context.js';
export { pssChecks, checksFor, evaluatePod } from './pss/registry.js';
export type { PssCheck, PssLevel, PssViolation } from './pss/types.js';
export { parsePssVersion, newestPolicyMinor } from './pss/version.js';
export { podOf } from './model/workload.js';
export { loadConfig, parseConfig, findConfig, ConfigError } from './config/load.js';
export type { PolicyLintConfig, RuleSetting } from './config/types.js';
export { formatText } from './output/text.js';
export { formatJson } from './output/json.js';
export { formatSarif } from './output/sarif.js';
export { renderRulesReference } from './docs/generate.js';
export { runCli, exitCodes, InputError } from './run.js';
export type { SourceReader } from './run.js';
export { runChartCli } from './chart/chart-command.js';
export type { ChartCliOptions } from './chart/chart-command.js';
export { renderChart, chartSourceRoot } from './chart/render-chart.js';
export type { ChartRenderOptions } from './chart/render-chart.js';
export type { CliOptions, CliIo, OutputFormat } from './run.js';
export { ignoreAnnotation } from './suppress.js';
export { version } from './version.js';
