import type { Rule } from '../types.js';
import { isEmptySelector } from '../../model/selector.js';
import { podsSelectedBy, policies } from './helpers.js';

export const netpolDanglingPolicy: Rule = {
  id: 'netpol-dangling-policy',
  family: 'netpol',
  defaultSeverity: 'warning',
  description: "A NetworkPolicy's podSelector matches no workload of its namespace in the input.",
  remediation:
    'Fix the podSelector labels so they match the pod template labels of the workload it protects.',
  details: 'Empty selectors (whole-namespace policies) are not judged.',
  check(ctx, report) {
    for (const p of policies(ctx)) {
      if (isEmptySelector(p.podSelector)) continue;
      if (podsSelectedBy(ctx, p).length === 0) {
        report({
          object: p.object,
          path: ['spec', 'podSelector'],
          message: `NetworkPolicy "${p.object.name}" selects no pod of namespace "${p.namespace}" in the input`,
        });
      }
    }
  },
};
