import type { PssCheck, PssViolation } from '../types.js';
import { asObject } from '../../model/path.js';
import { metadataPath } from '../../model/workload.js';
import { containerSecurityContext, podScPath, podSecurityContext, scPath } from '../helpers.js';

const podAnnotation = 'seccomp.security.alpha.kubernetes.io/pod';
const containerAnnotationPrefix = 'container.seccomp.security.alpha.kubernetes.io/';

function allowedAnnotation(value: unknown): boolean {
  return (
    value === '' ||
    value === 'runtime/default' ||
    value === 'docker/default' ||
    (typeof value === 'string' && value.startsWith('localhost/'))
  );
}

export const seccompProfileBaseline: PssCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  reason: 'seccompProfile',
  description:
    'The seccomp profile must not be explicitly Unconfined (annotations before v1.19, fields from v1.19).',
  remediation: 'Use seccompProfile.type RuntimeDefault or Localhost, or leave it unset.',
  versions: [
    {
      // Before v1.19 only the alpha annotations exist; annotations of absent containers are ignored.
      minVersion: 0,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        const annotations = asObject(pod.metadata.annotations);
        if (podAnnotation in annotations && !allowedAnnotation(annotations[podAnnotation])) {
          out.push({
            path: metadataPath(pod, 'annotations', podAnnotation),
            detail: `pod must not set ${podAnnotation}=${JSON.stringify(annotations[podAnnotation])}`,
          });
        }
        for (const c of pod.containers) {
          const key = containerAnnotationPrefix + c.name;
          if (key in annotations && !allowedAnnotation(annotations[key])) {
            out.push({
              path: metadataPath(pod, 'annotations', key),
              detail: `container "${c.name}" must not set ${key}=${JSON.stringify(annotations[key])}`,
            });
          }
        }
        return out;
      },
    },
    {
      minVersion: 19,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        const podType = asObject(podSecurityContext(pod).seccompProfile).type;
        if (podType === 'Unconfined')
          out.push({
            path: podScPath(pod, 'seccompProfile', 'type'),
            detail: 'pod must not set securityContext.seccompProfile.type to "Unconfined"',
          });
        for (const c of pod.containers) {
          const t = asObject(containerSecurityContext(c).seccompProfile).type;
          if (t === 'Unconfined')
            out.push({
              path: scPath(c, 'seccompProfile', 'type'),
              detail: `container "${c.name}" must not set securityContext.seccompProfile.type to "Unconfined"`,
            });
        }
        return out;
      },
    },
  ],
};
