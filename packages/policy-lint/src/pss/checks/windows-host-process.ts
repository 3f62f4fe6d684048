import type { PssCheck, PssViolation } from '../types.js';
import { asObject } from '../../model/path.js';
import { containerSecurityContext, podScPath, podSecurityContext, scPath } from '../helpers.js';

export const windowsHostProcess: PssCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  reason: 'hostProcess',
  description: 'Windows HostProcess containers have privileged access to the host and must be forbidden.',
  remediation: 'Remove windowsOptions.hostProcess or set it to false on the pod and every container.',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        if (asObject(podSecurityContext(pod).windowsOptions).hostProcess === true) {
          out.push({
            path: podScPath(pod, 'windowsOptions', 'hostProcess'),
            detail: 'pod must not set securityContext.windowsOptions.hostProcess=true',
          });
        }
        for (const c of pod.containers) {
          if (asObject(containerSecurityContext(c).windowsOptions).hostProcess === true) {
            out.push({
              path: scPath(c, 'windowsOptions', 'hostProcess'),
              detail: `container "${c.name}" must not set securityContext.windowsOptions.hostProcess=true`,
            });
          }
        }
        return out;
      },
    },
  ],
};
