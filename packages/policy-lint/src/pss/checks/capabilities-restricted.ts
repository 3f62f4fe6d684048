import type { PssCheck, PssViolation } from '../types.js';
import { asArray, asObject } from '../../model/path.js';
import type { PodView } from '../../model/workload.js';
import { containerSecurityContext, isWindowsPod, scPath } from '../helpers.js';

function violations(pod: PodView): PssViolation[] {
  const out: PssViolation[] = [];
  for (const c of pod.containers) {
    const caps = asObject(containerSecurityContext(c).capabilities);
    if (!asArray(caps.drop).includes('ALL')) {
      out.push({
        path: scPath(c, 'capabilities', 'drop'),
        detail: `container "${c.name}" must set securityContext.capabilities.drop=["ALL"]`,
      });
    }
    asArray(caps.add).forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') {
        out.push({
          path: scPath(c, 'capabilities', 'add', i),
          detail: `container "${c.name}" must not include ${JSON.stringify(cap)} in securityContext.capabilities.add`,
        });
      }
    });
  }
  return out;
}

export const capabilitiesRestricted: PssCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  reason: 'unrestricted capabilities',
  description: 'Containers must drop ALL capabilities and may only add back NET_BIND_SERVICE.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] and add at most NET_BIND_SERVICE.',
  versions: [
    { minVersion: 22, overrides: ['capabilities_baseline'], evaluate: violations },
    {
      minVersion: 25,
      overrides: ['capabilities_baseline'],
      evaluate: (pod) => (isWindowsPod(pod) ? [] : violations(pod)),
    },
  ],
};
