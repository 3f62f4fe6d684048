import type { PssCheck, PssViolation } from '../types.js';
import { specPath } from '../../model/workload.js';

export const hostNamespaces: PssCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  reason: 'host namespaces',
  description: 'Sharing the host network, PID or IPC namespace must be disallowed.',
  remediation: 'Remove hostNetwork, hostPID and hostIPC from the pod spec or set them to false.',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
          if (pod.spec[field] === true) out.push({ path: specPath(pod, field), detail: `${field}=true` });
        }
        return out;
      },
    },
  ],
};
