import { getIn } from '../../model/path.js';
import { namespaceOf, specPath } from '../../model/workload.js';
import type { Rule } from '../types.js';
import { bindings, subjectsOf } from './helpers.js';

export const rbacDefaultServiceAccount: Rule = {
  id: 'rbac-default-service-account',
  family: 'rbac',
  defaultSeverity: 'warning',
  description:
    'A workload runs as its namespace\'s "default" ServiceAccount, or a binding grants a role to it.',
  remediation: 'Create a dedicated ServiceAccount per workload and set serviceAccountName.',
  details:
    'Every pod without serviceAccountName runs as "default", so permissions given to it are shared by all of them.',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      const sa = pod.spec.serviceAccountName ?? pod.spec.serviceAccount;
      if (sa === undefined || sa === 'default') {
        report({
          object: pod.object,
          path: specPath(pod, 'serviceAccountName'),
          message: `pods of ${pod.object.kind} "${pod.object.name}" run as the "default" ServiceAccount`,
        });
      }
    }
    for (const b of bindings(ctx)) {
      for (const s of subjectsOf(b)) {
        if (s.kind === 'ServiceAccount' && s.name === 'default') {
          const ns = s.namespace ?? namespaceOf(b);
          report({
            object: b,
            path: ['subjects', s.index],
            message: `${b.kind} "${b.name}" grants ${String(getIn(b.body, ['roleRef', 'name']))} to the default ServiceAccount of "${ns}"`,
          });
        }
      }
    }
  },
};
