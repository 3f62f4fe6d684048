import type { PssCheck, PssCheckVersion } from '../types.js';
import type { PodView } from '../../model/workload.js';
import { containerSecurityContext, each, scPath, usesUserNamespace } from '../helpers.js';

export function procMountViolations(pod: PodView) {
  return each(pod.containers, (c) => {
    const pm = containerSecurityContext(c).procMount;
    return pm !== undefined && pm !== 'Default'
      ? {
          path: scPath(c, 'procMount'),
          detail: `container "${c.name}" must not set securityContext.procMount=${JSON.stringify(pm)}`,
        }
      : undefined;
  });
}

const v1_35: PssCheckVersion = {
  minVersion: 35,
  evaluate: (pod) => (usesUserNamespace(pod) ? [] : procMountViolations(pod)),
};

export const procMount: PssCheck = {
  id: 'procMount',
  level: 'baseline',
  reason: 'procMount',
  description:
    'The default /proc masks must stay in place; from v1.35 pods in a user namespace (hostUsers: false) may unmask.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  versions: [{ minVersion: 0, evaluate: procMountViolations }, v1_35],
};
