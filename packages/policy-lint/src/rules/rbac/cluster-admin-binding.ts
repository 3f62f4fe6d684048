import type { Rule } from '../types.js';
import { bindings, roleRefOf } from './helpers.js';

export const rbacClusterAdminBinding: Rule = {
  id: 'rbac-cluster-admin-binding',
  family: 'rbac',
  defaultSeverity: 'error',
  description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
  remediation:
    'Bind a role with only the permissions needed; cluster-admin is full control (inside its namespace for a RoleBinding).',
  check(ctx, report) {
    for (const b of bindings(ctx)) {
      const ref = roleRefOf(b);
      if (ref.kind === 'ClusterRole' && ref.name === 'cluster-admin') {
        report({
          object: b,
          path: ['roleRef', 'name'],
          message: `${b.kind} "${b.name}" binds cluster-admin`,
        });
      }
    }
  },
};
