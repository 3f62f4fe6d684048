import type { PssCheck } from '../types.js';
import type { PodView } from '../../model/workload.js';
import { containerSecurityContext, each, isWindowsPod, scPath } from '../helpers.js';

function violations(pod: PodView) {
  return each(pod.containers, (c) =>
    containerSecurityContext(c).allowPrivilegeEscalation === false
      ? undefined
      : {
          path: scPath(c, 'allowPrivilegeEscalation'),
          detail: `container "${c.name}" must set securityContext.allowPrivilegeEscalation=false`,
        },
  );
}

export const allowPrivilegeEscalation: PssCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  reason: 'allowPrivilegeEscalation != false',
  description:
    'Privilege escalation (such as via set-user-ID or set-group-ID file mode) must be explicitly disallowed.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
  versions: [
    { minVersion: 8, evaluate: violations },
    { minVersion: 25, evaluate: (pod) => (isWindowsPod(pod) ? [] : violations(pod)) },
  ],
};
