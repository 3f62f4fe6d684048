import { asArray, asObject } from '../../model/path.js';
import type { Rule } from '../types.js';
import { appContainers } from './helpers.js';

export const hardeningProbePort: Rule = {
  id: 'hardening-probe-port',
  family: 'hardening',
  defaultSeverity: 'error',
  description:
    'A probe targets a port (number or name) that the container does not declare, or declares only for UDP or SCTP.',
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
            const matching = ports.filter((p) =>
              typeof port === 'string' ? p.name === port : p.containerPort === port,
            );
            // Every probe handler speaks TCP: a port declared only for UDP (or SCTP) cannot answer it.
            const tcp = matching.some((p) => (p.protocol ?? 'TCP') === 'TCP');
            if (!tcp) {
              report({
                object: pod.object,
                path: [...c.path, probe, handler, 'port'],
                message:
                  matching.length > 0
                    ? `${probe} of container "${c.name}" targets port ${JSON.stringify(port)}, which the container declares only as ${String(matching[0].protocol)}: the probe connects over TCP`
                    : `${probe} of container "${c.name}" targets port ${JSON.stringify(port)}, which the container does not declare`,
              });
            }
          }
        }
      }
    }
  },
};
