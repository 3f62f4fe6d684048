import type { Rule } from '../types.js';
import { containerPorts, describePort, podsSelectedBy, policies, portAdmits } from './helpers.js';

export const netpolPortNotExposed: Rule = {
  id: 'netpol-port-not-exposed',
  family: 'netpol',
  defaultSeverity: 'warning',
  description: 'An ingress rule allows a port (numeric or named) that none of the selected pods exposes.',
  remediation:
    'Use the containerPort number or name the pods declare; a named port that no container defines matches nothing.',
  details:
    'Judged against the containerPorts of the pods the policy selects in the input; policies selecting no pod are left to netpol-dangling-policy.',
  check(ctx, report) {
    for (const p of policies(ctx)) {
      const pods = podsSelectedBy(ctx, p);
      if (pods.length === 0) continue;
      const exposed = pods.flatMap(containerPorts);
      for (const rule of p.rules.ingress) {
        for (const port of rule.ports ?? []) {
          if (port.port === undefined) continue;
          if (!exposed.some((c) => portAdmits(port, c))) {
            report({
              object: p.object,
              path: port.path,
              message: `ingress rule ${rule.index} of NetworkPolicy "${p.object.name}" allows ${describePort(port)}, which no selected pod exposes`,
            });
          }
        }
      }
    }
  },
};
