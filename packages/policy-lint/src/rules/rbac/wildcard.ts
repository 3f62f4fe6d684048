import type { Rule } from '../types.js';
import { policyRules } from './helpers.js';

export const rbacWildcard: Rule = {
  id: 'rbac-wildcard',
  family: 'rbac',
  defaultSeverity: 'warning',
  description: 'A Role or ClusterRole uses "*" in verbs, resources or apiGroups.',
  remediation:
    'List the exact verbs, resources and API groups the subject needs; wildcards also grant whatever is added to the API later.',
  check(ctx, report) {
    for (const rule of policyRules(ctx)) {
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        const i = rule[field].indexOf('*');
        if (i >= 0) {
          report({
            object: rule.object,
            path: [...rule.path, field, i],
            message: `wildcard "*" in ${field} of rule ${rule.index} of ${rule.object.kind} "${rule.object.name}"`,
          });
        }
      }
    }
  },
};
