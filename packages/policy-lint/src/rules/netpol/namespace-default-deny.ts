import type { Rule } from '../types.js';
import { isEmptySelector } from '../../model/selector.js';
import type { Direction } from './helpers.js';
import { policiesIn } from './helpers.js';

export const netpolNamespaceDefaultDeny: Rule = {
  id: 'netpol-namespace-default-deny',
  family: 'netpol',
  defaultSeverity: 'warning',
  description:
    'A Namespace in the input has no default-deny NetworkPolicy (empty podSelector, no rules) for ingress or egress.',
  remediation:
    'Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress, Egress] and no rules, then allow what is needed.',
  details:
    'Only Namespaces defined in the input are judged: the linter cannot know which policies a cluster already has.',
  check(ctx, report) {
    for (const ns of ctx.byKind('Namespace')) {
      const missing = (['ingress', 'egress'] as Direction[]).filter(
        (d) =>
          !policiesIn(ctx, ns.name).some(
            (p) => isEmptySelector(p.podSelector) && p.isolates[d] && p.rules[d].length === 0,
          ),
      );
      if (missing.length > 0) {
        report({
          object: ns,
          path: ['metadata', 'name'],
          message: `Namespace "${ns.name}" has no default-deny NetworkPolicy for ${missing.join(' and ')}`,
        });
      }
    }
  },
};
