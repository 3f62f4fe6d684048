import type { Rule } from '../types.js';
import { bindings, subjectsOf } from './helpers.js';

/** Built-in identities that must never be bound: everyone, anonymous users, or full admins. */
export const rbacDangerousSubjects: readonly string[] = [
  'system:anonymous',
  'system:unauthenticated',
  'system:authenticated',
  'system:masters',
];

export const rbacSystemGroupSubject: Rule = {
  id: 'rbac-system-group-subject',
  family: 'rbac',
  defaultSeverity: 'error',
  description:
    'A binding names system:anonymous, system:unauthenticated, system:authenticated or system:masters as a subject.',
  remediation: 'Bind specific users, groups or ServiceAccounts instead.',
  details:
    'system:authenticated is every identity with any valid credential, including every ServiceAccount of every namespace.',
  check(ctx, report) {
    for (const b of bindings(ctx)) {
      for (const s of subjectsOf(b)) {
        if (rbacDangerousSubjects.includes(s.name) && (s.kind === 'Group' || s.kind === 'User')) {
          report({
            object: b,
            path: ['subjects', s.index, 'name'],
            message: `${b.kind} "${b.name}" grants its role to ${s.kind} ${s.name}`,
          });
        }
      }
    }
  },
};
