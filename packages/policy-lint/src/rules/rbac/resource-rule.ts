import type { RuleFamily, Severity } from '../../model/types.js';
import type { Rule } from '../types.js';
import { coversResource, grantedVerbs, isBuiltInClusterRole, policyRules } from './helpers.js';

export interface ResourceRuleSpec {
  id: string;
  defaultSeverity: Severity;
  description: string;
  remediation: string;
  details?: string;
  /** [apiGroup, resource] pairs, e.g. ['', 'secrets']. */
  resources: readonly (readonly [string, string])[];
  verbs: readonly string[];
  what: string;
  /** A rule limited by resourceNames grants only those objects: not flagged. */
  resourceNamesLimit?: boolean;
  /** Kubernetes' own ClusterRoles (system:*, cluster-admin, admin, edit, view) are not flagged. */
  exemptBuiltInRoles?: boolean;
}

/** A rule that flags Roles/ClusterRoles granting any of some verbs on some resources. */
export function resourceAccessRule(spec: ResourceRuleSpec): Rule {
  const family: RuleFamily = 'rbac';
  return {
    id: spec.id,
    family,
    defaultSeverity: spec.defaultSeverity,
    description: spec.description,
    remediation: spec.remediation,
    details: spec.details,
    check(ctx, report) {
      for (const rule of policyRules(ctx)) {
        if (spec.resourceNamesLimit && rule.resourceNames.length > 0) continue;
        if (
          spec.exemptBuiltInRoles &&
          rule.object.kind === 'ClusterRole' &&
          isBuiltInClusterRole(rule.object.name)
        )
          continue;
        const hits: string[] = [];
        for (const [group, resource] of spec.resources) {
          if (!coversResource(rule, group, resource)) continue;
          const verbs = grantedVerbs(rule, spec.verbs);
          if (verbs.length > 0) hits.push(`${verbs.join(',')} on ${group ? `${group}/` : ''}${resource}`);
        }
        if (hits.length > 0) {
          report({
            object: rule.object,
            path: rule.path,
            message: `${rule.object.kind} "${rule.object.name}" grants ${spec.what}: ${hits.join('; ')}`,
          });
        }
      }
    },
  };
}
