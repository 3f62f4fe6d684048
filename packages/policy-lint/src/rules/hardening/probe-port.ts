import { asArray, asObject } from '../../model/path.js';
import type { Rule } from '../types.js';
import { appContainers } from './helpers.js';

export const hardeningProbePort: Rule = {
  id: 'hardening-probe-port',
  family: 'hardening',
  defaultSeverity: 'error',
  description: 'A probe targets a port (number or name) that the container does not declare.',
  remediation: 'Point the probe at a declared containerPort, by number or name.',
  details:
    'A named port that is not declared makes the probe fail; an undeclared number usually means the probe checks the wrong listener.',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      for (const c of appContainers(pod)) {
        const ports = asArray(c.container.ports).map(asObject);
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
          for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
            const port = asObject(asObject(c.container[probe])[handler]).port;
            if (port === undefined) continue;
            const declared =
              typeof port === 'string'
                ? ports.some((p) => p.name === port)
                : ports.some((p) => p.containerPort === port);
            if (!declared) {
              report({
                object: pod.object,
                path: [...c.path, probe, handler, 'port'],
                message: `${probe} of container "${c.name}" targets port ${JSON.stringify(port)}, which the container does not declare`,
              });
            }
          }
        }
      }
    }
  },
};
