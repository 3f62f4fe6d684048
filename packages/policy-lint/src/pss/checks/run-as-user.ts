import type { PssCheck, PssViolation } from '../types.js';
import type { PodView } from '../../model/workload.js';
import {
  containerSecurityContext,
  podScPath,
  podSecurityContext,
  scPath,
  usesUserNamespace,
} from '../helpers.js';

function violations(pod: PodView): PssViolation[] {
  const out: PssViolation[] = [];
  if (podSecurityContext(pod).runAsUser === 0)
    out.push({ path: podScPath(pod, 'runAsUser'), detail: 'pod must not set securityContext.runAsUser=0' });
  for (const c of pod.containers) {
    if (containerSecurityContext(c).runAsUser === 0) {
      out.push({
        path: scPath(c, 'runAsUser'),
        detail: `container "${c.name}" must not set securityContext.runAsUser=0`,
      });
    }
  }
  return out;
}

export const runAsUser: PssCheck = {
  id: 'runAsUser',
  level: 'restricted',
  reason: 'runAsUser=0',
  description: 'Containers must not set runAsUser to 0 (relaxed from v1.35 for pods with hostUsers: false).',
  remediation:
    'Set runAsUser to a non-zero UID, or leave it unset and rely on the image user with runAsNonRoot.',
  versions: [
    { minVersion: 23, evaluate: violations },
    { minVersion: 35, evaluate: (pod) => (usesUserNamespace(pod) ? [] : violations(pod)) },
  ],
};
