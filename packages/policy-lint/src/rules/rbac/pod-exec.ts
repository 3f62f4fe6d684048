import { resourceAccessRule } from './resource-rule.js';

export const rbacPodExec = resourceAccessRule({
  id: 'rbac-pod-exec',
  defaultSeverity: 'warning',
  description: 'A Role or ClusterRole grants pods/exec, pods/attach or pods/portforward.',
  remediation: 'Grant interactive access to people through a separate, audited role, never to workloads.',
  details:
    "Kubernetes' built-in ClusterRoles (cluster-admin, admin, edit, system:*) are not reported: they grant it to people by design.",
  resources: [
    ['', 'pods/exec'],
    ['', 'pods/attach'],
    ['', 'pods/portforward'],
  ],
  verbs: ['create', 'get'],
  what: 'interactive access to pods',
  // Kubernetes' own roles (admin, edit, system:*) grant it by design, to people.
  exemptBuiltInRoles: true,
});
