import { asStringMap, getIn } from './model/path.js';
import type { K8sObject } from './model/types.js';

/** Annotation that suppresses rules on one object: "rule-a,rule-b: reason" (or "all: reason"). */
export const ignoreAnnotation = 'policy-lint.io/ignore';

export interface Suppression {
  rules: Set<string>;
  reason: string;
}

export function suppressionOf(object: K8sObject): Suppression | undefined {
  const value = asStringMap(getIn(object.body, ['metadata', 'annotations']))[ignoreAnnotation];
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  const list = colon >= 0 ? value.slice(0, colon) : value;
  const reason = colon >= 0 ? value.slice(colon + 1).trim() : '';
  return {
    rules: new Set(
      list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    reason: reason || 'no reason given',
  };
}

export function isSuppressed(s: Suppression | undefined, ruleId: string): boolean {
  return s !== undefined && (s.rules.has(ruleId) || s.rules.has('all'));
}
