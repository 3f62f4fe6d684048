import type { PssCheck, PssViolation } from '../types.js';
import { asObject } from '../../model/path.js';

const probes = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const handlers = ['httpGet', 'tcpSocket'];

export const hostProbesAndHostLifecycle: PssCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  reason: 'probe or lifecycle host',
  description: 'From v1.34, probes and lifecycle hooks must not target a host other than the pod itself.',
  remediation: 'Remove the host field from httpGet/tcpSocket probes and lifecycle handlers.',
  versions: [
    {
      minVersion: 34,
      evaluate: (pod) => {
        const out: PssViolation[] = [];
        for (const c of pod.containers) {
          const targets: [string[], unknown][] = probes.map((p) => [[p], c.container[p]]);
          for (const hook of ['postStart', 'preStop'])
            targets.push([['lifecycle', hook], asObject(c.container.lifecycle)[hook]]);
          for (const [path, probe] of targets) {
            for (const h of handlers) {
              const host = asObject(asObject(probe)[h]).host;
              if (typeof host === 'string' && host !== '') {
                out.push({
                  path: [...c.path, ...path, h, 'host'],
                  detail: `container "${c.name}" ${path.join('.')}.${h}.host=${JSON.stringify(host)}`,
                });
              }
            }
          }
        }
        return out;
      },
    },
  ],
};
