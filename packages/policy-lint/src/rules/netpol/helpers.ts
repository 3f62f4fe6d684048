import { asArray, asObject, isObject } from '../../model/path.js';
import type { FieldPath, JsonObject, K8sObject } from '../../model/types.js';
import { namespaceOf } from '../../model/workload.js';
import type { PodView } from '../../model/workload.js';
import { selectorMatches } from '../../model/selector.js';
import type { LintContext } from '../context.js';

export type Direction = 'ingress' | 'egress';

export interface PeerView {
  peer: JsonObject;
  path: FieldPath;
}

export interface RulePortView {
  protocol: string;
  port: number | string | undefined;
  endPort: number | undefined;
  path: FieldPath;
}

export interface NetRuleView {
  direction: Direction;
  index: number;
  path: FieldPath;
  /** undefined when the rule has no from/to at all (every peer). */
  peers: PeerView[] | undefined;
  /** undefined when the rule has no ports (every port). */
  ports: RulePortView[] | undefined;
}

export interface PolicyView {
  object: K8sObject;
  namespace: string;
  podSelector: unknown;
  /** Which directions the policy isolates, with Kubernetes' policyTypes defaulting. */
  isolates: Record<Direction, boolean>;
  rules: Record<Direction, NetRuleView[]>;
}

function rulesOf(spec: JsonObject, direction: Direction): NetRuleView[] {
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  return asArray(spec[direction]).map((r, index) => {
    const rule = asObject(r);
    const path: FieldPath = ['spec', direction, index];
    const rawPeers = rule[peerKey];
    const rawPorts = rule.ports;
    return {
      direction,
      index,
      path,
      peers:
        Array.isArray(rawPeers) && rawPeers.length > 0
          ? rawPeers.map((p, i) => ({ peer: asObject(p), path: [...path, peerKey, i] }))
          : undefined,
      ports:
        Array.isArray(rawPorts) && rawPorts.length > 0
          ? rawPorts.map((p, i) => {
              const o = asObject(p);
              return {
                protocol: typeof o.protocol === 'string' ? o.protocol : 'TCP',
                port: typeof o.port === 'number' || typeof o.port === 'string' ? o.port : undefined,
                endPort: typeof o.endPort === 'number' ? o.endPort : undefined,
                path: [...path, 'ports', i],
              };
            })
          : undefined,
    };
  });
}

/** Every NetworkPolicy of the input, parsed once per lint run. */
export function policies(ctx: LintContext): PolicyView[] {
  return ctx.memo('netpol:policies', () => ctx.byKind('NetworkPolicy').map(viewOf));
}

/** NetworkPolicies by namespace, parsed once per lint run. */
export function policiesIn(ctx: LintContext, namespace: string): readonly PolicyView[] {
  const index = ctx.memo('netpol:byNamespace', () => {
    const map = new Map<string, PolicyView[]>();
    for (const p of policies(ctx)) {
      let list = map.get(p.namespace);
      if (!list) map.set(p.namespace, (list = []));
      list.push(p);
    }
    return map;
  });
  return index.get(namespace) ?? [];
}

function viewOf(object: K8sObject): PolicyView {
  {
    const spec = asObject(object.body.spec);
    const types = asArray(spec.policyTypes);
    // Unset policyTypes: Ingress always, Egress only when egress rules exist (API server defaulting).
    const isolates =
      types.length > 0
        ? { ingress: types.includes('Ingress'), egress: types.includes('Egress') }
        : { ingress: true, egress: asArray(spec.egress).length > 0 };
    return {
      object,
      namespace: namespaceOf(object),
      podSelector: isObject(spec.podSelector) ? spec.podSelector : {},
      isolates,
      rules: { ingress: rulesOf(spec, 'ingress'), egress: rulesOf(spec, 'egress') },
    };
  }
}

export function selectsPod(policy: PolicyView, pod: PodView): boolean {
  return namespaceOf(pod.object) === policy.namespace && selectorMatches(policy.podSelector, pod.labels);
}

/** The policies that isolate a pod in one direction. */
export function policiesFor(ctx: LintContext, pod: PodView, direction: Direction): PolicyView[] {
  return policiesIn(ctx, namespaceOf(pod.object)).filter(
    (p) => p.isolates[direction] && selectorMatches(p.podSelector, pod.labels),
  );
}

/** The pods of the input a policy selects. */
export function podsSelectedBy(ctx: LintContext, policy: PolicyView): PodView[] {
  return ctx.podsIn(policy.namespace).filter((pod) => selectorMatches(policy.podSelector, pod.labels));
}

export interface ContainerPort {
  number: number;
  name: string | undefined;
  protocol: string;
}

export function containerPorts(pod: PodView): ContainerPort[] {
  return pod.containers
    .filter((c) => c.kind === 'containers')
    .flatMap((c) =>
      asArray(c.container.ports).flatMap((p) => {
        const o = asObject(p);
        return typeof o.containerPort === 'number'
          ? [
              {
                number: o.containerPort,
                name: typeof o.name === 'string' ? o.name : undefined,
                protocol: typeof o.protocol === 'string' ? o.protocol : 'TCP',
              },
            ]
          : [];
      }),
    );
}

/** Whether a NetworkPolicy port entry admits traffic to a given container port. */
export function portAdmits(rulePort: RulePortView, target: ContainerPort): boolean {
  if (rulePort.protocol !== target.protocol) return false;
  if (rulePort.port === undefined) return true;
  if (typeof rulePort.port === 'string') return rulePort.port === target.name;
  const end = rulePort.endPort ?? rulePort.port;
  return target.number >= rulePort.port && target.number <= end;
}

/** Whether a rule's port list admits a container port (no ports = every port). */
export function ruleAdmits(rule: NetRuleView, target: ContainerPort): boolean {
  return rule.ports === undefined || rule.ports.some((p) => portAdmits(p, target));
}

export function describePort(p: RulePortView): string {
  return `${p.protocol}/${p.port === undefined ? '*' : String(p.port)}${p.endPort !== undefined ? `-${p.endPort}` : ''}`;
}
