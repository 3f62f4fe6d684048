import type { PssCheck, PssViolation } from '../types.js';
import { asObject } from '../../model/path.js';
import { metadataPath } from '../../model/workload.js';
import { containerSecurityContext, podScPath, podSecurityContext, scPath } from '../helpers.js';

const annotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';
const allowedTypes = ['RuntimeDefault', 'Localhost'];

function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/** One implementation since v1.0 covers both the beta annotations and the v1.30 GA fields. */
export const appArmorProfile: PssCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  reason: 'forbidden AppArmor profile(s)',
  description: 'Overriding or disabling the default AppArmor profile must be prevented.',
  remediation:
    'Use appArmorProfile.type RuntimeDefault or Localhost (annotations: runtime/default or localhost/<profile>).',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        const podType = asObject(podSecurityContext(pod).appArmorProfile).type;
        if (podType !== undefined && !allowedTypes.includes(podType as string)) {
          out.push({
            path: podScPath(pod, 'appArmorProfile', 'type'),
            detail: `pod must not set appArmorProfile.type=${JSON.stringify(podType)}`,
          });
        }
        for (const c of pod.containers) {
          const t = asObject(containerSecurityContext(c).appArmorProfile).type;
          if (t !== undefined && !allowedTypes.includes(t as string)) {
            out.push({
              path: scPath(c, 'appArmorProfile', 'type'),
              detail: `container "${c.name}" must not set appArmorProfile.type=${JSON.stringify(t)}`,
            });
          }
        }
        for (const [key, value] of Object.entries(asObject(pod.metadata.annotations))) {
          if (key.startsWith(annotationPrefix) && !(typeof value === 'string' && allowedAnnotation(value))) {
            out.push({
              path: metadataPath(pod, 'annotations', key),
              detail: `annotation ${key}=${JSON.stringify(value)}`,
            });
          }
        }
        return out;
      },
    },
  ],
};
