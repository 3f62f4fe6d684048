import { asObject } from '../../model/path.js';
import { isEmptySelector } from '../../model/selector.js';
import type { Rule } from '../types.js';
import { policies } from './helpers.js';

const everywhere = new Set(['0.0.0.0/0', '::/0']);

export const netpolOverbroadRule: Rule = {
  id: 'netpol-overbroad-rule',
  family: 'netpol',
  defaultSeverity: 'warning',
  description:
    'A NetworkPolicy rule allows every peer: no from/to, an ipBlock of 0.0.0.0/0 or ::/0, or namespaceSelector: {} without a podSelector.',
  remediation:
    'Name the peers: a namespaceSelector with matchLabels (kubernetes.io/metadata.name), a podSelector, or a narrow ipBlock.',
  check(ctx, report) {
    for (const p of policies(ctx)) {
      for (const rule of [...p.rules.ingress, ...p.rules.egress]) {
        const dir = rule.direction === 'ingress' ? 'from' : 'to';
        if (rule.peers === undefined) {
          report({
            object: p.object,
            path: rule.path,
            message: `${rule.direction} rule ${rule.index} of NetworkPolicy "${p.object.name}" has no "${dir}": it allows every peer`,
          });
          continue;
        }
        for (const peer of rule.peers) {
          const cidr = asObject(peer.peer.ipBlock).cidr;
          if (typeof cidr === 'string' && everywhere.has(cidr)) {
            report({
              object: p.object,
              path: [...peer.path, 'ipBlock', 'cidr'],
              message: `${rule.direction} peer of NetworkPolicy "${p.object.name}" is ipBlock ${cidr}: every address`,
            });
          }
          const ns = peer.peer.namespaceSelector;
          if (
            ns !== undefined &&
            isEmptySelector(ns) &&
            (peer.peer.podSelector === undefined || isEmptySelector(peer.peer.podSelector))
          ) {
            report({
              object: p.object,
              path: [...peer.path, 'namespaceSelector'],
              message: `${rule.direction} peer of NetworkPolicy "${p.object.name}" is namespaceSelector: {}: every pod of every namespace`,
            });
          }
        }
      }
    }
  },
};
