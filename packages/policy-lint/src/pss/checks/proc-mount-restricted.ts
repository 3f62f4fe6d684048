import type { PssCheck } from '../types.js';
import { procMountViolations } from './proc-mount.js';

export const procMountRestricted: PssCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  reason: 'procMount',
  description: 'From v1.35 the restricted level keeps the default /proc masks even in user-namespaced pods.',
  remediation: 'Remove securityContext.procMount or set it to Default.',
  versions: [{ minVersion: 35, overrides: ['procMount'], evaluate: procMountViolations }],
};
