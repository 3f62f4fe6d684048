import type { PssCheck } from '../types.js';
import { specPath } from '../../model/workload.js';
import { each, volumes } from '../helpers.js';

export const hostPathVolumes: PssCheck = {
  id: 'hostPathVolumes',
  level: 'baseline',
  reason: 'hostPath volumes',
  description: 'HostPath volumes expose the node filesystem and must be forbidden.',
  remediation: 'Replace hostPath volumes with emptyDir, configMap, secret, projected or persistent volumes.',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) =>
        each(volumes(pod), (v) =>
          v.volume.hostPath !== undefined
            ? {
                path: specPath(pod, 'volumes', v.index, 'hostPath'),
                detail: `volume "${v.name}" uses hostPath`,
              }
            : undefined,
        ),
    },
  ],
};
