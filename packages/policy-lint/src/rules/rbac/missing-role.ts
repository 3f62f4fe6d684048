import type { Rule } from '../types.js';
import { bindings, isBuiltInClusterRole, resolveRole, roleRefOf } from './helpers.js';

export const rbacMissingRole: Rule = {
  id: 'rbac-missing-role',
  family: 'rbac',
  defaultSeverity: 'warning',
  description:
    'A binding refers to a Role or ClusterRole that is not in the input (built-in ClusterRoles excepted).',
  remediation:
    'Add the role to the manifests, or fix roleRef; a dangling binding starts granting whatever role later takes that name.',
  check(ctx, report) {
    for (const b of bindings(ctx)) {
      const ref = roleRefOf(b);
      if (resolveRole(ctx, b)) continue;
      if (ref.kind === 'ClusterRole' && isBuiltInClusterRole(ref.name)) continue;
      report({
        object: b,
        path: ['roleRef', 'name'],
        message: `${b.kind} "${b.name}" refers to ${ref.kind} "${ref.name}", which is not in the input`,
      });
    }
  },
};
