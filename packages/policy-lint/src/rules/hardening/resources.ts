import { asObject } from '../../model/path.js';
import type { Rule } from '../types.js';
import { appContainers } from './helpers.js';

export const hardeningResources: Rule = {
  id: 'hardening-resources',
  family: 'hardening',
  defaultSeverity: 'warning',
  description: 'A container has no CPU or memory request, or no memory limit.',
  remediation: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory.',
  details:
    'Requests drive scheduling and HPA utilization; a memory limit bounds the damage of a leak to one pod.',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      for (const c of [...appContainers(pod), ...pod.containers.filter((x) => x.kind === 'initContainers')]) {
        const res = asObject(c.container.resources);
        const missing = [
          asObject(res.requests).cpu === undefined && 'requests.cpu',
          asObject(res.requests).memory === undefined && 'requests.memory',
          asObject(res.limits).memory === undefined && 'limits.memory',
        ].filter((x): x is string => typeof x === 'string');
        if (missing.length > 0) {
          report({
            object: pod.object,
            path: [...c.path, 'resources'],
            message: `container "${c.name}" has no resources.${missing.join(', resources.')}`,
          });
        }
      }
    }
  },
};
