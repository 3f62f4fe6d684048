import { asArray, asObject, isObject } from '../model/path.js';
import type { JsonObject, FieldPath } from '../model/types.js';
import type { ContainerView, PodView } from '../model/workload.js';
import { specPath } from '../model/workload.js';
import type { PssViolation } from './types.js';

export function podSecurityContext(pod: PodView): JsonObject {
  return asObject(pod.spec.securityContext);
}

export function containerSecurityContext(c: ContainerView): JsonObject {
  return asObject(c.container.securityContext);
}

export function scPath(c: ContainerView, ...rest: FieldPath): FieldPath {
  return [...c.path, 'securityContext', ...rest];
}

export function podScPath(pod: PodView, ...rest: FieldPath): FieldPath {
  return specPath(pod, 'securityContext', ...rest);
}

/** Windows pods (spec.os.name=windows) are exempt from some restricted checks from v1.25. */
export function isWindowsPod(pod: PodView): boolean {
  return asObject(pod.spec.os).name === 'windows';
}

/** PSA relaxes some checks for pods in a user namespace: spec.hostUsers explicitly false. */
export function usesUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

export function volumes(pod: PodView): { volume: JsonObject; index: number; name: string }[] {
  return asArray(pod.spec.volumes).map((v, index) => ({
    volume: asObject(v),
    index,
    name: isObject(v) && typeof v.name === 'string' ? v.name : `#${index}`,
  }));
}

export function each<T>(
  items: readonly T[],
  fn: (item: T) => PssViolation[] | PssViolation | undefined,
): PssViolation[] {
  const out: PssViolation[] = [];
  for (const item of items) {
    const r = fn(item);
    if (Array.isArray(r)) out.push(...r);
    else if (r) out.push(r);
  }
  return out;
}

export function quoteList(values: readonly string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}
