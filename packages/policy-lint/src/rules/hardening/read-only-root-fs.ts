import { asObject } from '../../model/path.js';
import type { Rule } from '../types.js';

export const hardeningReadOnlyRootFs: Rule = {
  id: 'hardening-read-only-root-fs',
  family: 'hardening',
  defaultSeverity: 'warning',
  description: 'A container does not set securityContext.readOnlyRootFilesystem: true.',
  remediation:
    'Set readOnlyRootFilesystem: true and mount an emptyDir where the process must write (e.g. /tmp).',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      for (const c of pod.containers) {
        if (c.kind === 'ephemeralContainers') continue;
        if (asObject(c.container.securityContext).readOnlyRootFilesystem !== true) {
          report({
            object: pod.object,
            path: [...c.path, 'securityContext', 'readOnlyRootFilesystem'],
            message: `container "${c.name}" has a writable root filesystem`,
          });
        }
      }
    }
  },
};
