import type { Rule } from '../types.js';
import { bindings, grantsEverything, policyRules, resolveRole, roleRefOf } from './helpers.js';

export const rbacClusterAdminBinding: Rule = {
  id: 'rbac-cluster-admin-binding',
  family: 'rbac',
  defaultSeverity: 'error',
  description:
    'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole, or a role in the input with the same power (every verb on every resource).',
  remediation:
    'Bind a role with only the permissions needed; cluster-admin is full control (inside its namespace for a RoleBinding).',
  check(ctx, report) {
    const allPowerful = new Set(
      policyRules(ctx)
        .filter(grantsEverything)
        .map((r) => r.object),
    );
    for (const b of bindings(ctx)) {
      const ref = roleRefOf(b);
      const role = resolveRole(ctx, b);
      if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
        report({
          object: b,
          path: ['roleRef', 'name'],
          message: `${b.kind} "${b.name}" binds cluster-admin`,
        });
      } else if (role && allPowerful.has(role)) {
        report({
          object: b,
          path: ['roleRef', 'name'],
          message: `${b.kind} "${b.name}" binds ${ref.kind} "${ref.name}", which grants every verb on every resource: cluster-admin under another name`,
        });
      }
    }
  },
};
