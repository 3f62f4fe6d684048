import type { PssCheck } from '../types.js';
import { asArray, asObject } from '../../model/path.js';
import { each } from '../helpers.js';

export const hostPorts: PssCheck = {
  id: 'hostPorts',
  level: 'baseline',
  reason: 'hostPort',
  description: 'HostPorts should be disallowed entirely (or restricted to a known list).',
  remediation: 'Remove ports[*].hostPort; expose the container through a Service instead.',
  versions: [
    {
      minVersion: 0,
      evaluate: (pod) =>
        each(pod.containers, (c) =>
          asArray(c.container.ports).flatMap((p, i) => {
            const hostPort = asObject(p).hostPort;
            return typeof hostPort === 'number' && hostPort !== 0
              ? [
                  {
                    path: [...c.path, 'ports', i, 'hostPort'],
                    detail: `container "${c.name}" uses hostPort ${hostPort}`,
                  },
                ]
              : [];
          }),
        ),
    },
  ],
};
