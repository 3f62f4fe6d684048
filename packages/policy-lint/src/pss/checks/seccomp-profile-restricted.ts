import type { PssCheck, PssViolation } from '../types.js';
import { asObject } from '../../model/path.js';
import type { PodView } from '../../model/workload.js';
import { containerSecurityContext, isWindowsPod, podScPath, podSecurityContext, scPath } from '../helpers.js';

const valid = (t: unknown): boolean => t === 'RuntimeDefault' || t === 'Localhost';

function violations(pod: PodView): PssViolation[] {
  const out: PssViolation[] = [];
  const podType = asObject(podSecurityContext(pod).seccompProfile).type;
  const podValid = valid(podType);
  if (podType !== undefined && !podValid) {
    out.push({
      path: podScPath(pod, 'seccompProfile', 'type'),
      detail: `pod must not set securityContext.seccompProfile.type=${JSON.stringify(podType)}`,
    });
  }
  for (const c of pod.containers) {
    const t = asObject(containerSecurityContext(c).seccompProfile).type;
    if (t !== undefined && !valid(t)) {
      out.push({
        path: scPath(c, 'seccompProfile', 'type'),
        detail: `container "${c.name}" must not set securityContext.seccompProfile.type=${JSON.stringify(t)}`,
      });
    } else if (t === undefined && !podValid && podType === undefined) {
      out.push({
        path: scPath(c, 'seccompProfile'),
        detail: `pod or container "${c.name}" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      });
    }
  }
  return out;
}

export const seccompProfileRestricted: PssCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  reason: 'seccompProfile',
  description: 'Seccomp must be explicitly set to RuntimeDefault or Localhost on the pod or every container.',
  remediation: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault.',
  versions: [
    { minVersion: 19, overrides: ['seccompProfile_baseline'], evaluate: violations },
    {
      minVersion: 25,
      overrides: ['seccompProfile_baseline'],
      evaluate: (pod) => (isWindowsPod(pod) ? [] : violations(pod)),
    },
  ],
};
