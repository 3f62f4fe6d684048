import type { PssCheck } from '../types.js';
import { specPath } from '../../model/workload.js';
import { each, volumes } from '../helpers.js';

/** Volume sources a restricted pod may use. */
export const pssRestrictedVolumeTypes: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

export const restrictedVolumes: PssCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  reason: 'restricted volume types',
  description:
    'Only core volume types (configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret) are allowed.',
  remediation: 'Replace other volume sources with one of the allowed types.',
  versions: [
    {
      minVersion: 0,
      overrides: ['hostPathVolumes'],
      evaluate: (pod) =>
        each(volumes(pod), (v) => {
          // A volume with only a name is defaulted to emptyDir by the API server, so it passes.
          const bad = Object.keys(v.volume).filter(
            (k) => k !== 'name' && !pssRestrictedVolumeTypes.includes(k),
          );
          return bad.map((k) => ({
            path: specPath(pod, 'volumes', v.index, k),
            detail: `volume "${v.name}" uses restricted volume type "${k}"`,
          }));
        }),
    },
  ],
};
