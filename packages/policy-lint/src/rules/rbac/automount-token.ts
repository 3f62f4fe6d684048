import { namespaceOf, specPath } from '../../model/workload.js';
import type { K8sObject } from '../../model/types.js';
import type { LintContext } from '../context.js';
import type { Rule } from '../types.js';
import { bindings, subjectNamespace, subjectsOf } from './helpers.js';

/** ServiceAccounts (namespace/name) that some binding in the input gives API permissions. */
function boundServiceAccounts(ctx: LintContext): Set<string> {
  const out = new Set<string>();
  for (const b of bindings(ctx)) {
    for (const s of subjectsOf(b))
      if (s.kind === 'ServiceAccount') out.add(`${subjectNamespace(b, s)}/${s.name}`);
  }
  return out;
}

export const rbacAutomountToken: Rule = {
  id: 'rbac-automount-token',
  family: 'rbac',
  defaultSeverity: 'warning',
  description:
    'A ServiceAccount token is mounted into pods although no binding in the input gives that ServiceAccount any permission.',
  remediation:
    'Set automountServiceAccountToken: false on the ServiceAccount or the pod spec, or bind the role the workload needs.',
  details:
    "The effective value is the pod's automountServiceAccountToken, else the ServiceAccount's, else true.",
  check(ctx, report) {
    const bound = boundServiceAccounts(ctx);
    /** Per ServiceAccount, whether every pod using it opts out of the token itself. */
    const podsOptOut = new Map<string, boolean>();
    const accounts = new Map<string, K8sObject>();
    for (const sa of ctx.byKind('ServiceAccount')) accounts.set(`${namespaceOf(sa)}/${sa.name}`, sa);
    for (const pod of ctx.pods) {
      const name = (pod.spec.serviceAccountName ?? pod.spec.serviceAccount ?? 'default') as string;
      const key = `${namespaceOf(pod.object)}/${name}`;
      podsOptOut.set(key, (podsOptOut.get(key) ?? true) && pod.spec.automountServiceAccountToken === false);
      if (bound.has(key)) continue;
      const podValue = pod.spec.automountServiceAccountToken;
      const saValue = accounts.get(key)?.body.automountServiceAccountToken;
      const effective = podValue ?? saValue ?? true;
      if (effective !== false) {
        report({
          object: pod.object,
          path: specPath(pod, 'automountServiceAccountToken'),
          message: `pods of ${pod.object.kind} "${pod.object.name}" mount the token of ServiceAccount "${name}", which has no permissions in the input`,
        });
      }
    }
    for (const [key, sa] of accounts) {
      // Its pods all set automountServiceAccountToken: false themselves: no token is mounted.
      if (podsOptOut.get(key) === true) continue;
      if (!bound.has(key) && sa.body.automountServiceAccountToken !== false) {
        report({
          object: sa,
          path: ['automountServiceAccountToken'],
          message: `ServiceAccount "${sa.name}" has no role bindings in the input but does not set automountServiceAccountToken: false`,
        });
      }
    }
  },
};
