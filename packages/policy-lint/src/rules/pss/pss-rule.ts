import type { PssCheck } from '../../pss/types.js';
import type { Rule } from '../types.js';

export function kebab(id: string): string {
  return id
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** Turns one Pod Security Standards check (src/pss/checks/) into a lint rule. */
export function pssRule(check: PssCheck): Rule {
  const since = check.versions[0].minVersion;
  return {
    id: `pss-${kebab(check.id)}`,
    family: 'pss',
    defaultSeverity: 'error',
    description: `${check.description} (Pod Security Standards, ${check.level}; check "${check.id}")`,
    remediation: check.remediation,
    details:
      `Evaluated as Kubernetes' Pod Security Admission does, from policy version v1.${since}` +
      (check.versions.length > 1
        ? `; behaviour changes at ${check.versions
            .slice(1)
            .map((v) => `v1.${v.minVersion}`)
            .join(', ')}`
        : '') +
      `. Applies at level ${check.level}${check.level === 'baseline' ? ' and restricted' : ''}.`,
    check(ctx, report) {
      for (const pod of ctx.pods) {
        const violations = ctx.pssViolations(pod).get(check.id);
        if (!violations) continue;
        const policy = ctx.pssPolicyFor(pod.object);
        for (const v of violations) {
          report({
            object: pod.object,
            path: v.path,
            message: `${check.reason}: ${v.detail} (policy "${policy.level}:${policy.version.label}")`,
          });
        }
      }
    },
  };
}
