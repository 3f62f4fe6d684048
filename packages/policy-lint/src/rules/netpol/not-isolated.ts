import { metadataPath } from '../../model/workload.js';
import type { Rule } from '../types.js';
import type { Direction } from './helpers.js';
import { policiesFor } from './helpers.js';

function notIsolated(direction: Direction): Rule {
  return {
    id: `netpol-${direction}-not-isolated`,
    family: 'netpol',
    defaultSeverity: 'warning',
    description: `A workload's pods are not selected by any NetworkPolicy that isolates ${direction}.`,
    remediation: `Add a NetworkPolicy selecting the pods with policyTypes including ${direction === 'ingress' ? 'Ingress' : 'Egress'} and only the ${direction === 'ingress' ? 'sources' : 'destinations'} they need.`,
    details:
      'policyTypes semantics: a policy without policyTypes isolates Ingress, and Egress only when it has egress rules.',
    check(ctx, report) {
      for (const pod of ctx.pods) {
        if (pod.spec.hostNetwork === true) continue;
        if (policiesFor(ctx, pod, direction).length === 0) {
          report({
            object: pod.object,
            path: metadataPath(pod, 'labels'),
            message: `pods of ${pod.object.kind} "${pod.object.name}" accept all ${direction} traffic: no NetworkPolicy selects them for ${direction}`,
          });
        }
      }
    },
  };
}

export const netpolIngressNotIsolated = notIsolated('ingress');
export const netpolEgressNotIsolated = notIsolated('egress');
