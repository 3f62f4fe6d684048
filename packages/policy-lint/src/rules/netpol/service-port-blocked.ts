import { asArray, asObject, asStringMap } from '../../model/path.js';
import { namespaceOf } from '../../model/workload.js';
import { selectorMatches } from '../../model/selector.js';
import type { Rule } from '../types.js';
import type { ContainerPort } from './helpers.js';
import { containerPorts, policiesFor, ruleAdmits } from './helpers.js';

export const netpolServicePortBlocked: Rule = {
  id: 'netpol-service-port-blocked',
  family: 'netpol',
  defaultSeverity: 'error',
  description:
    'A Service targets a port of its pods that the NetworkPolicies isolating those pods never allow.',
  remediation:
    "Allow the Service's targetPort in an ingress rule of a policy selecting the pods, or remove the port from the Service.",
  details: "targetPort defaults to port; a named targetPort is resolved against each pod's containerPorts.",
  check(ctx, report) {
    for (const svc of ctx.byKind('Service')) {
      const selector = asStringMap(asObject(svc.body.spec).selector);
      if (Object.keys(selector).length === 0) continue;
      const pods = ctx
        .podsIn(namespaceOf(svc))
        .filter((pod) => selectorMatches({ matchLabels: selector }, pod.labels));
      asArray(asObject(svc.body.spec).ports).forEach((raw, i) => {
        const sp = asObject(raw);
        const target = sp.targetPort ?? sp.port;
        const protocol = typeof sp.protocol === 'string' ? sp.protocol : 'TCP';
        for (const pod of pods) {
          const isolating = policiesFor(ctx, pod, 'ingress');
          if (isolating.length === 0) continue;
          const declared = containerPorts(pod);
          const resolved: ContainerPort | undefined =
            typeof target === 'string'
              ? declared.find((c) => c.name === target && c.protocol === protocol)
              : typeof target === 'number'
                ? (declared.find((c) => c.number === target && c.protocol === protocol) ?? {
                    number: target,
                    name: undefined,
                    protocol,
                  })
                : undefined;
          if (!resolved) continue;
          const allowed = isolating.some((p) => p.rules.ingress.some((r) => ruleAdmits(r, resolved)));
          if (!allowed) {
            report({
              object: svc,
              path: ['spec', 'ports', i],
              message: `Service "${svc.name}" port ${String(sp.name ?? sp.port)} targets ${protocol}/${resolved.number}${resolved.name ? ` (${resolved.name})` : ''} of ${pod.object.kind} "${pod.object.name}", which its NetworkPolicies (${isolating.map((p) => p.object.name).join(', ')}) do not allow`,
            });
            break;
          }
        }
      });
    }
  },
};
