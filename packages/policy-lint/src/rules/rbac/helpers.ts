import { asArray, asObject, isObject } from '../../model/path.js';
import type { FieldPath, JsonObject, K8sObject } from '../../model/types.js';
import { namespaceOf } from '../../model/workload.js';
import type { LintContext } from '../context.js';

export interface PolicyRuleView {
  object: K8sObject;
  index: number;
  rule: JsonObject;
  path: FieldPath;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames: string[];
}

const strings = (v: unknown): string[] => asArray(v).filter((x): x is string => typeof x === 'string');

/** Every rule of every Role and ClusterRole in the input. */
export function policyRules(ctx: LintContext): PolicyRuleView[] {
  return ctx.memo('rbac:policyRules', () =>
    ctx.byKind('Role', 'ClusterRole').flatMap((object) =>
      asArray(object.body.rules).flatMap((r, index) =>
        isObject(r)
          ? [
              {
                object,
                index,
                rule: r,
                path: ['rules', index],
                apiGroups: strings(r.apiGroups),
                resources: strings(r.resources),
                verbs: strings(r.verbs),
                resourceNames: strings(r.resourceNames),
              },
            ]
          : [],
      ),
    ),
  );
}

/** Whether a rule reaches `group/resource` (honouring "*" and "<resource>/*" subresource wildcards). */
export function coversResource(rule: PolicyRuleView, group: string, resource: string): boolean {
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(group)) return false;
  const [base] = resource.split('/');
  return rule.resources.some(
    (r) => r === '*' || r === resource || (resource.includes('/') && r === `${base}/*`),
  );
}

/** The verbs of `wanted` that a rule grants. */
export function grantedVerbs(rule: PolicyRuleView, wanted: readonly string[]): string[] {
  return rule.verbs.includes('*') ? [...wanted] : wanted.filter((v) => rule.verbs.includes(v));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export interface RoleRef {
  kind: string;
  name: string;
}

export interface SubjectView {
  kind: string;
  name: string;
  namespace: string | undefined;
  index: number;
}

export function roleRefOf(binding: K8sObject): RoleRef {
  const ref = asObject(binding.body.roleRef);
  return { kind: str(ref.kind), name: str(ref.name) };
}

export function subjectsOf(binding: K8sObject): SubjectView[] {
  return asArray(binding.body.subjects).map((s, index) => {
    const o = asObject(s);
    return {
      kind: str(o.kind),
      name: str(o.name),
      namespace: typeof o.namespace === 'string' ? o.namespace : undefined,
      index,
    };
  });
}

/** The Role/ClusterRole a binding refers to, when the input holds it. */
export function resolveRole(ctx: LintContext, binding: K8sObject): K8sObject | undefined {
  const ref = roleRefOf(binding);
  const roles = ctx.memo('rbac:roles', () => {
    const map = new Map<string, K8sObject>();
    for (const r of ctx.byKind('ClusterRole')) map.set(`ClusterRole//${r.name}`, r);
    for (const r of ctx.byKind('Role')) map.set(`Role/${namespaceOf(r)}/${r.name}`, r);
    return map;
  });
  if (ref.kind === 'ClusterRole') return roles.get(`ClusterRole//${ref.name}`);
  if (ref.kind === 'Role') return roles.get(`Role/${namespaceOf(binding)}/${ref.name}`);
  return undefined;
}

export function bindings(ctx: LintContext): readonly K8sObject[] {
  return ctx.byKind('RoleBinding', 'ClusterRoleBinding');
}

/** Bindings that grant a role (by kind, name and, for Roles, namespace). */
export function bindingsOf(ctx: LintContext, role: K8sObject): K8sObject[] {
  const byRole = ctx.memo('rbac:bindingsByRole', () => {
    const map = new Map<K8sObject, K8sObject[]>();
    for (const b of bindings(ctx)) {
      const r = resolveRole(ctx, b);
      if (!r) continue;
      let list = map.get(r);
      if (!list) map.set(r, (list = []));
      list.push(b);
    }
    return map;
  });
  return byRole.get(role) ?? [];
}

/** Namespace a ServiceAccount subject lives in (a RoleBinding's own namespace when unset). */
export function subjectNamespace(binding: K8sObject, subject: SubjectView): string {
  return subject.namespace ?? namespaceOf(binding);
}

/** Whether a rule grants everything: every verb on every resource of every API group (cluster-admin's power). */
export function grantsEverything(rule: PolicyRuleView): boolean {
  return (
    rule.verbs.includes('*') &&
    rule.apiGroups.includes('*') &&
    rule.resources.includes('*') &&
    rule.resourceNames.length === 0
  );
}

/** ClusterRoles Kubernetes ships; a binding to them is not "missing" when absent from the input. */
export function isBuiltInClusterRole(name: string): boolean {
  return ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:');
}
