import type { Rule } from '../types.js';
import { bindingsOf, subjectNamespace, subjectsOf } from './helpers.js';
import { policyRules } from './helpers.js';

/** Cluster-scoped resources of the core APIs: a role naming one of these needs to be a ClusterRole. */
const clusterScoped = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'clusterroles',
  'clusterrolebindings',
  'customresourcedefinitions',
  'storageclasses',
  'csidrivers',
  'csinodes',
  'volumeattachments',
  'priorityclasses',
  'runtimeclasses',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'apiservices',
  'certificatesigningrequests',
  'ingressclasses',
  'tokenreviews',
  'subjectaccessreviews',
  'selfsubjectaccessreviews',
  'selfsubjectrulesreviews',
  'componentstatuses',
  'flowschemas',
  'prioritylevelconfigurations',
  'signers',
  '*',
]);

export const rbacPreferNamespacedRole: Rule = {
  id: 'rbac-prefer-namespaced-role',
  family: 'rbac',
  defaultSeverity: 'warning',
  description:
    'A ClusterRole covers only namespaced resources and is bound cluster-wide to ServiceAccounts of one namespace, or only through RoleBindings; a namespaced Role would do.',
  remediation:
    'Replace the ClusterRole and ClusterRoleBinding with a Role and RoleBinding in the namespace that needs them.',
  details: 'ClusterRoles without bindings in the input are left alone: they may be shared building blocks.',
  check(ctx, report) {
    const rules = policyRules(ctx).filter((r) => r.object.kind === 'ClusterRole');
    for (const role of ctx.byKind('ClusterRole')) {
      if (role.body.aggregationRule !== undefined || role.name.startsWith('system:')) continue;
      const own = rules.filter((r) => r.object === role);
      if (
        own.length === 0 ||
        own.some(
          (r) =>
            r.rule.nonResourceURLs !== undefined ||
            r.resources.some((res) => clusterScoped.has(res.split('/')[0])),
        )
      )
        continue;
      const bound = bindingsOf(ctx, role);
      if (bound.length === 0) continue;
      const namespaces = new Set<string>();
      let onlyServiceAccounts = true;
      for (const b of bound) {
        for (const s of subjectsOf(b)) {
          if (s.kind !== 'ServiceAccount') onlyServiceAccounts = false;
          else namespaces.add(b.kind === 'RoleBinding' ? subjectNamespace(b, s) : (s.namespace ?? '?'));
        }
      }
      const viaRoleBindingsOnly = bound.every((b) => b.kind === 'RoleBinding');
      if (viaRoleBindingsOnly || (onlyServiceAccounts && namespaces.size === 1)) {
        const where = viaRoleBindingsOnly
          ? 'is only bound by RoleBindings'
          : `is granted cluster-wide to ServiceAccounts of namespace "${[...namespaces][0]}" only`;
        report({
          object: role,
          path: ['rules'],
          message: `ClusterRole "${role.name}" covers only namespaced resources and ${where}: use a Role`,
        });
      }
    }
  },
};
