import type { PssCheck, PssCheckVersion } from '../types.js';
import { asArray, asObject } from '../../model/path.js';
import { podScPath, podSecurityContext } from '../helpers.js';

const v1_0 = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
];
const v1_27 = [...v1_0, 'net.ipv4.ip_local_reserved_ports'];
const v1_29 = [
  ...v1_27,
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];
const v1_32 = [...v1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];
const v1_37 = [...v1_32, 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat'];

/** The "safe" sysctl allow-list of each policy version (exact names). */
export const pssSafeSysctls: Readonly<Record<number, readonly string[]>> = {
  0: v1_0,
  27: v1_27,
  29: v1_29,
  32: v1_32,
  37: v1_37,
};

function version(minVersion: number, allowed: readonly string[]): PssCheckVersion {
  return {
    minVersion,
    evaluate: (pod) =>
      asArray(podSecurityContext(pod).sysctls).flatMap((s, i) => {
        const name = asObject(s).name;
        return typeof name === 'string' && allowed.includes(name)
          ? []
          : [
              {
                path: podScPath(pod, 'sysctls', i, 'name'),
                detail: `sysctl ${JSON.stringify(name)} is not in the safe set`,
              },
            ];
      }),
  };
}

export const sysctls: PssCheck = {
  id: 'sysctls',
  level: 'baseline',
  reason: 'forbidden sysctls',
  description:
    'Sysctls can disable security mechanisms or affect all containers on a host; only a safe subset is allowed.',
  remediation: 'Set only sysctls from the safe set of the policy version in spec.securityContext.sysctls.',
  versions: Object.entries(pssSafeSysctls).map(([min, allowed]) => version(Number(min), allowed)),
};
