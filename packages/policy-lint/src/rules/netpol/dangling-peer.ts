import type { Rule } from '../types.js';
import { isEmptySelector, selectorMatches } from '../../model/selector.js';
import { policies } from './helpers.js';

export const netpolDanglingPeer: Rule = {
  id: 'netpol-dangling-peer',
  family: 'netpol',
  defaultSeverity: 'warning',
  description:
    "A from/to peer with only a podSelector matches no pod of the policy's namespace in the input.",
  remediation: "Fix the peer's labels, or add a namespaceSelector when the peer lives in another namespace.",
  check(ctx, report) {
    for (const p of policies(ctx)) {
      for (const rule of [...p.rules.ingress, ...p.rules.egress]) {
        for (const peer of rule.peers ?? []) {
          const sel = peer.peer.podSelector;
          if (sel === undefined || peer.peer.namespaceSelector !== undefined || isEmptySelector(sel))
            continue;
          const found = ctx.podsIn(p.namespace).some((pod) => selectorMatches(sel, pod.labels));
          if (!found) {
            report({
              object: p.object,
              path: [...peer.path, 'podSelector'],
              message: `${rule.direction} peer of NetworkPolicy "${p.object.name}" matches no pod in namespace "${p.namespace}"`,
            });
          }
        }
      }
    }
  },
};
