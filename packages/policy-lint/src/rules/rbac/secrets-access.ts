import { resourceAccessRule } from './resource-rule.js';

export const rbacSecretsAccess = resourceAccessRule({
  id: 'rbac-secrets-access',
  defaultSeverity: 'warning',
  description: 'A Role or ClusterRole grants read access (get, list, watch) to Secrets.',
  remediation: 'Mount the Secrets the workload needs instead, or restrict the rule with resourceNames.',
  details:
    "list and watch return every Secret's data, not just names. A rule limited by resourceNames (the remediation) is not reported.",
  resources: [['', 'secrets']],
  verbs: ['get', 'list', 'watch'],
  what: 'read access to Secrets',
  resourceNamesLimit: true,
});
