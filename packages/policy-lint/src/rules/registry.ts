import { pssChecks } from '../pss/registry.js';
import { hardeningHpaVpaConflict } from './hardening/hpa-vpa-conflict.js';
import { hardeningImageTag } from './hardening/image-tag.js';
import { hardeningPdbBlocksEviction } from './hardening/pdb-blocks-eviction.js';
import { hardeningProbePort } from './hardening/probe-port.js';
import { hardeningProbes } from './hardening/probes.js';
import { hardeningReadOnlyRootFs } from './hardening/read-only-root-fs.js';
import { hardeningResources } from './hardening/resources.js';
import { inputRules } from './input/input-rules.js';
import { netpolDanglingPeer } from './netpol/dangling-peer.js';
import { netpolDanglingPolicy } from './netpol/dangling-policy.js';
import { netpolMissingDnsEgress } from './netpol/missing-dns-egress.js';
import { netpolNamespaceDefaultDeny } from './netpol/namespace-default-deny.js';
import { netpolEgressNotIsolated, netpolIngressNotIsolated } from './netpol/not-isolated.js';
import { netpolOverbroadRule } from './netpol/overbroad-rule.js';
import { netpolPortNotExposed } from './netpol/port-not-exposed.js';
import { netpolServicePortBlocked } from './netpol/service-port-blocked.js';
import { pssRule } from './pss/pss-rule.js';
import { rbacAutomountToken } from './rbac/automount-token.js';
import { rbacClusterAdminBinding } from './rbac/cluster-admin-binding.js';
import { rbacCreateWorkloads } from './rbac/create-workloads.js';
import { rbacCsrApproval } from './rbac/csr-approval.js';
import { rbacDefaultServiceAccount } from './rbac/default-service-account.js';
import { rbacEscalationVerbs } from './rbac/escalation-verbs.js';
import { rbacMissingRole } from './rbac/missing-role.js';
import { rbacNodesProxy } from './rbac/nodes-proxy.js';
import { rbacPodExec } from './rbac/pod-exec.js';
import { rbacPreferNamespacedRole } from './rbac/prefer-namespaced-role.js';
import { rbacSecretsAccess } from './rbac/secrets-access.js';
import { rbacSystemGroupSubject } from './rbac/system-group-subject.js';
import { rbacWebhookConfigWrite } from './rbac/webhook-config-write.js';
import { rbacWildcard } from './rbac/wildcard.js';
import type { Rule } from './types.js';

/** Every rule policy-lint knows, in documentation order. docs/rules.md is generated from this list. */
export const rules: readonly Rule[] = [
  ...pssChecks.map(pssRule),
  rbacWildcard,
  rbacSecretsAccess,
  rbacCreateWorkloads,
  rbacPodExec,
  rbacEscalationVerbs,
  rbacNodesProxy,
  rbacWebhookConfigWrite,
  rbacCsrApproval,
  rbacClusterAdminBinding,
  rbacSystemGroupSubject,
  rbacPreferNamespacedRole,
  rbacMissingRole,
  rbacDefaultServiceAccount,
  rbacAutomountToken,
  netpolIngressNotIsolated,
  netpolEgressNotIsolated,
  netpolNamespaceDefaultDeny,
  netpolDanglingPolicy,
  netpolDanglingPeer,
  netpolOverbroadRule,
  netpolMissingDnsEgress,
  netpolPortNotExposed,
  netpolServicePortBlocked,
  hardeningResources,
  hardeningProbes,
  hardeningProbePort,
  hardeningImageTag,
  hardeningReadOnlyRootFs,
  hardeningHpaVpaConflict,
  hardeningPdbBlocksEviction,
  ...inputRules,
];

const byId = new Map(rules.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
