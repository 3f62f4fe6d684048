import type { Rule } from '../types.js';

/**
 * Problems with the input itself. They are reported by the loader, not by a check over objects,
 * and are registered here so they have an id, a severity and documentation like any rule.
 */
function inputRule(
  id: string,
  description: string,
  remediation: string,
  defaultSeverity: Rule['defaultSeverity'] = 'error',
): Rule {
  return { id, family: 'input', defaultSeverity, description, remediation, check: () => undefined };
}

export const inputRules: readonly Rule[] = [
  inputRule(
    'input-parse-error',
    'A file is not valid YAML or JSON, or a document exceeds the alias limit (billion-laughs protection).',
    'Fix the syntax at the reported line; expand anchors that are referenced excessively.',
  ),
  inputRule(
    'input-invalid-object',
    'A document is not a Kubernetes object (not a mapping, or no apiVersion or kind).',
    'Give every document apiVersion and kind, or remove it.',
  ),
  inputRule(
    'input-too-large',
    'A file exceeds the size or document-count limit and was not (fully) read.',
    'Split the input, or raise the limit in the library options.',
  ),
  inputRule(
    'input-unknown-ignore-rule',
    'A policy-lint.io/ignore annotation names a rule id that does not exist, so it suppresses nothing (a misspelling, or a rule that was renamed).',
    'Use an id from `policy-lint --list-rules` (or "all").',
    'warning',
  ),
  inputRule(
    'input-unreadable',
    'A path given on the command line cannot be read.',
    'Check the path and its permissions.',
  ),
];
