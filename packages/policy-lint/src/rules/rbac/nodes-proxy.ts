import { resourceAccessRule } from './resource-rule.js';

export const rbacNodesProxy = resourceAccessRule({
  id: 'rbac-nodes-proxy',
  defaultSeverity: 'error',
  description: 'A Role or ClusterRole grants access to nodes/proxy.',
  remediation:
    'Remove nodes/proxy; it reaches the kubelet API, which can run commands in any pod on the node.',
  resources: [['', 'nodes/proxy']],
  verbs: ['get', 'create', 'update', 'patch', 'delete'],
  what: 'access to the kubelet through nodes/proxy',
});
