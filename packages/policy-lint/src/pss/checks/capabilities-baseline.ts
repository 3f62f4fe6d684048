import type { PssCheck } from '../types.js';
import { asArray, asObject } from '../../model/path.js';
import { containerSecurityContext, each, scPath } from '../helpers.js';

/** Capabilities a baseline pod may add: the container runtime's defaults (exact, case-sensitive). */
export const pssBaselineCapabilities: readonly string[] = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

export const capabilitiesBaseline: PssCheck = {
  id: 'capabilities_baseline',
  level: 'baseline',
  reason: 'non-default capabilities',
  description: 'Adding capabilities beyond the container runtime default set must be disallowed.',
  remediation: `Add only capabilities from: ${pssBaselineCapabilities.join(', ')}.`,
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) =>
        each(pod.containers, (c) =>
          asArray(asObject(containerSecurityContext(c).capabilities).add).flatMap((cap, i) =>
            typeof cap === 'string' && pssBaselineCapabilities.includes(cap)
              ? []
              : [
                  {
                    path: scPath(c, 'capabilities', 'add', i),
                    detail: `container "${c.name}" must not include ${JSON.stringify(cap)} in securityContext.capabilities.add`,
                  },
                ],
          ),
        ),
    },
  ],
};
