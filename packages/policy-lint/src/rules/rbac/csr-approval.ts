import type { Rule } from '../types.js';
import { coversResource, grantedVerbs, policyRules } from './helpers.js';

export const rbacCsrApproval: Rule = {
  id: 'rbac-csr-approval',
  defaultSeverity: 'error',
  family: 'rbac',
  description: 'A role can approve CertificateSigningRequests (update on certificatesigningrequests/approval and approve on signers).',
  remediation: 'Leave CSR approval to the cluster\'s own approvers; an approver can mint client certificates for any identity.',
  check(ctx, report) {
    const rules = policyRules(ctx);
    for (const role of ctx.byKind('Role', 'ClusterRole')) {
      const own = rules.filter((r) => r.object === role);
      const approval = own.find((r) => coversResource(r, 'certificates.k8s.io', 'certificatesigningrequests/approval') && grantedVerbs(r, ['update', 'patch']).length > 0);
      const signer = own.find((r) => coversResource(r, 'certificates.k8s.io', 'signers') && grantedVerbs(r, ['approve']).length > 0);
      if (approval && signer) {
        report({ object: role, path: approval.path, message: `${role.kind} "${role.name}" can approve certificate signing requests` });
      }
    }
  },
};
