import type { PssCheck } from '../types.js';
import { containerSecurityContext, each, scPath } from '../helpers.js';

export const privileged: PssCheck = {
  id: 'privileged',
  level: 'baseline',
  reason: 'privileged',
  description: 'Privileged containers disable most security mechanisms and must be disallowed.',
  remediation: 'Remove securityContext.privileged or set it to false on every container.',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) =>
        each(pod.containers, (c) =>
          containerSecurityContext(c).privileged === true
            ? {
                path: scPath(c, 'privileged'),
                detail: `container "${c.name}" must not set securityContext.privileged=true`,
              }
            : undefined,
        ),
    },
  ],
};
