import type { PssCheck, PssCheckVersion, PssViolation } from '../types.js';
import { asObject, isObject } from '../../model/path.js';
import type { FieldPath, JsonObject } from '../../model/types.js';
import { containerSecurityContext, podScPath, podSecurityContext, scPath } from '../helpers.js';

const typesV1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const typesV1_31 = [...typesV1_0, 'container_engine_t'];

function judge(opts: unknown, path: FieldPath, who: string, allowed: readonly string[]): PssViolation[] {
  if (!isObject(opts)) return [];
  const o: JsonObject = opts;
  const out: PssViolation[] = [];
  if (o.type !== undefined && !allowed.includes(o.type as string)) {
    out.push({
      path: [...path, 'type'],
      detail: `${who} must not set seLinuxOptions.type=${JSON.stringify(o.type)}`,
    });
  }
  for (const field of ['user', 'role']) {
    if (o[field] !== undefined && o[field] !== '') {
      out.push({ path: [...path, field], detail: `${who} must not set seLinuxOptions.${field}` });
    }
  }
  return out;
}

function version(minVersion: number, allowed: readonly string[]): PssCheckVersion {
  return {
    minVersion,
    evaluate: (pod) => [
      ...judge(
        asObject(podSecurityContext(pod)).seLinuxOptions,
        podScPath(pod, 'seLinuxOptions'),
        'pod',
        allowed,
      ),
      ...pod.containers.flatMap((c) =>
        judge(
          containerSecurityContext(c).seLinuxOptions,
          scPath(c, 'seLinuxOptions'),
          `container "${c.name}"`,
          allowed,
        ),
      ),
    ],
  };
}

export const seLinuxOptions: PssCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  reason: 'seLinuxOptions',
  description:
    'Setting a custom SELinux user or role is forbidden, and the type is limited to the container types.',
  remediation: 'Leave seLinuxOptions.user and .role empty and use a container_t-family type.',
  versions: [version(0, typesV1_0), version(31, typesV1_31)],
};
