import { resourceAccessRule } from './resource-rule.js';

export const rbacEscalationVerbs = resourceAccessRule({
  id: 'rbac-escalation-verbs',
  defaultSeverity: 'error',
  description: 'A Role or ClusterRole grants escalate, bind or impersonate.',
  remediation:
    'Remove these verbs; they let the subject grant itself or act with permissions it does not have.',
  resources: [
    ['rbac.authorization.k8s.io', 'roles'],
    ['rbac.authorization.k8s.io', 'clusterroles'],
    ['', 'users'],
    ['', 'groups'],
    ['', 'serviceaccounts'],
    ['authentication.k8s.io', 'userextras/scopes'],
    ['authentication.k8s.io', 'uids'],
  ],
  verbs: ['escalate', 'bind', 'impersonate'],
  what: 'privilege-escalation verbs',
});
