import { asArray, asObject, isObject } from './path.js';

/** Kubernetes label selector semantics (matchLabels AND matchExpressions). */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObject(selector)) return false;
  for (const [k, v] of Object.entries(asObject(selector.matchLabels))) {
    if (labels[k] !== v) return false;
  }
  for (const expr of asArray(selector.matchExpressions)) {
    if (!isObject(expr) || typeof expr.key !== 'string') return false;
    const values = asArray(expr.values).filter((v): v is string => typeof v === 'string');
    const has = Object.prototype.hasOwnProperty.call(labels, expr.key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[expr.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[expr.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** True for `{}` (or a selector with no terms): it selects everything. */
export function isEmptySelector(selector: unknown): boolean {
  if (!isObject(selector)) return false;
  return (
    asArray(selector.matchExpressions).length === 0 &&
    Object.keys(asObject(selector.matchLabels)).length === 0
  );
}
