import { resourceAccessRule } from './resource-rule.js';

export const rbacCreateWorkloads = resourceAccessRule({
  id: 'rbac-create-workloads',
  defaultSeverity: 'warning',
  description: 'A Role or ClusterRole can create Pods or workload controllers.',
  remediation:
    'Remove create on pods and workloads unless the subject is a controller that must create them.',
  details:
    'Whoever can create a pod can run it as any ServiceAccount of the namespace and mount its Secrets.',
  resources: [
    ['', 'pods'],
    ['', 'replicationcontrollers'],
    ['apps', 'deployments'],
    ['apps', 'replicasets'],
    ['apps', 'statefulsets'],
    ['apps', 'daemonsets'],
    ['batch', 'jobs'],
    ['batch', 'cronjobs'],
  ],
  verbs: ['create'],
  what: 'create on workloads',
});
