import { resourceAccessRule } from './resource-rule.js';

export const rbacWebhookConfigWrite = resourceAccessRule({
  id: 'rbac-webhook-config-write',
  defaultSeverity: 'error',
  description: 'A Role or ClusterRole can write admission webhook configurations.',
  remediation: 'Only cluster installers should manage admission webhooks; remove write verbs on them.',
  details: 'A mutating webhook sees and can change every object admitted to the cluster, Secrets included.',
  resources: [
    ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations'],
    ['admissionregistration.k8s.io', 'validatingwebhookconfigurations'],
  ],
  verbs: ['create', 'update', 'patch', 'delete', 'deletecollection'],
  what: 'write access to admission webhooks',
});
