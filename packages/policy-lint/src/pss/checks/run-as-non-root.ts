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
  const podValue = podSecurityContext(pod).runAsNonRoot;
  if (podValue === false)
    out.push({
      path: podScPath(pod, 'runAsNonRoot'),
      detail: 'pod must not set securityContext.runAsNonRoot=false',
    });
  for (const c of pod.containers) {
    const v = containerSecurityContext(c).runAsNonRoot;
    if (v === false) {
      out.push({
        path: scPath(c, 'runAsNonRoot'),
        detail: `container "${c.name}" must not set securityContext.runAsNonRoot=false`,
      });
    } else if (v !== true && podValue !== true) {
      out.push({
        path: scPath(c, 'runAsNonRoot'),
        detail: `pod or container "${c.name}" must set securityContext.runAsNonRoot=true`,
      });
    }
  }
  return out;
}

export const runAsNonRoot: PssCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  reason: 'runAsNonRoot != true',
  description:
    'Containers must be required to run as non-root users (relaxed from v1.35 for pods with hostUsers: false).',
  remediation: 'Set securityContext.runAsNonRoot: true on the pod (or on every container).',
  versions: [
    { minVersion: 0, evaluate: violations },
    { minVersion: 35, evaluate: (pod) => (usesUserNamespace(pod) ? [] : violations(pod)) },
  ],
};
