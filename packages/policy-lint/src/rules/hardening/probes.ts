import type { Rule } from '../types.js';
import { appContainers, isBatch } from './helpers.js';

export const hardeningProbes: Rule = {
  id: 'hardening-probes',
  family: 'hardening',
  defaultSeverity: 'warning',
  description: 'A long-running container has no liveness or no readiness probe.',
  remediation: 'Add a readinessProbe (traffic only when ready) and a livenessProbe (restart when stuck).',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      if (isBatch(pod)) continue;
      for (const c of appContainers(pod)) {
        const missing = ['livenessProbe', 'readinessProbe'].filter((p) => c.container[p] === undefined);
        if (missing.length > 0)
          report({
            object: pod.object,
            path: c.path,
            message: `container "${c.name}" has no ${missing.join(' and ')}`,
          });
      }
    }
  },
};
