import { metadataPath } from '../../model/workload.js';
import type { Rule } from '../types.js';
import { policiesFor, ruleAdmits } from './helpers.js';

export const netpolMissingDnsEgress: Rule = {
  id: 'netpol-missing-dns-egress',
  family: 'netpol',
  defaultSeverity: 'warning',
  description:
    'Pods whose egress is restricted have no egress rule allowing DNS on both UDP and TCP port 53.',
  remediation:
    'Add an egress rule to kube-dns (namespaceSelector kube-system + podSelector k8s-app: kube-dns) on UDP 53 and TCP 53.',
  details:
    'Without UDP 53 name resolution fails; without TCP 53 large answers (truncated UDP replies) fail intermittently.',
  check(ctx, report) {
    for (const pod of ctx.pods) {
      const selecting = policiesFor(ctx, pod, 'egress');
      if (selecting.length === 0) continue;
      const rules = selecting.flatMap((p) => p.rules.egress);
      const missing = ['UDP', 'TCP'].filter(
        (protocol) =>
          !rules.some(
            (r) =>
              ruleAdmits(r, { number: 53, name: 'dns', protocol }) ||
              ruleAdmits(r, { number: 53, name: 'dns-tcp', protocol }),
          ),
      );
      if (missing.length > 0) {
        report({
          object: pod.object,
          path: metadataPath(pod, 'labels'),
          message: `pods of ${pod.object.kind} "${pod.object.name}" are egress-restricted by ${selecting.map((p) => `"${p.object.name}"`).join(', ')} without DNS on ${missing.join(' and ')} 53`,
        });
      }
    }
  },
};
