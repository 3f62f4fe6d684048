import type { Rule } from '../types.js';
import { coversResource, grantedVerbs, policyRules } from './helpers.js';

export const rbacCsrApproval: Rule = {
  id: 'rbac-csr-approval',
  defaultSeverity: 'error',
  family: 'rbac',
  description:
    'A role can approve CertificateSigningRequests (update on certificatesigningrequests/approval and approve on signers).',
  remediation:
    "Leave CSR approval to the cluster's own approvers; an approver can mint client certificates for any identity.",
  check(ctx, report) {
    const byRole = new Map<unknown, ReturnType<typeof policyRules>>();
    for (const r of policyRules(ctx)) byRole.set(r.object, [...(byRole.get(r.object) ?? []), r]);
    for (const own of byRole.values()) {
      const approval = own.find(
        (r) =>
          coversResource(r, 'certificates.k8s.io', 'certificatesigningrequests/approval') &&
          grantedVerbs(r, ['update', 'patch']).length > 0,
      );
      const signer = own.find(
        (r) => coversResource(r, 'certificates.k8s.io', 'signers') && grantedVerbs(r, ['approve']).length > 0,
      );
      if (approval && signer) {
        report({
          object: approval.object,
          path: approval.path,
          message: `${approval.object.kind} "${approval.object.name}" can approve certificate signing requests`,
        });
      }
    }
  },
};
