/** Where the generated rules reference is published; SARIF helpUri and text output link here. */
export const rulesDocUrl =
  'https://github.com/otlp-kit/otlp-kit/blob/main/packages/policy-lint/docs/rules.md';

/** GitHub's heading anchor for a rule's section ("## rbac-wildcard" -> "rbac-wildcard"). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase();
}
