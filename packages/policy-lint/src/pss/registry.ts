import type { PodView } from '../model/workload.js';
import type { PssCheck, PssCheckVersion, PssLevel, PssViolation } from './types.js';
import type { PssVersion } from './version.js';
import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.js';
import { appArmorProfile } from './checks/app-armor-profile.js';
import { capabilitiesBaseline } from './checks/capabilities-baseline.js';
import { capabilitiesRestricted } from './checks/capabilities-restricted.js';
import { hostNamespaces } from './checks/host-namespaces.js';
import { hostPathVolumes } from './checks/host-path-volumes.js';
import { hostPorts } from './checks/host-ports.js';
import { hostProbesAndHostLifecycle } from './checks/host-probes-and-host-lifecycle.js';
import { privileged } from './checks/privileged.js';
import { procMount } from './checks/proc-mount.js';
import { procMountRestricted } from './checks/proc-mount-restricted.js';
import { restrictedVolumes } from './checks/restricted-volumes.js';
import { runAsNonRoot } from './checks/run-as-non-root.js';
import { runAsUser } from './checks/run-as-user.js';
import { seLinuxOptions } from './checks/se-linux-options.js';
import { seccompProfileBaseline } from './checks/seccomp-profile-baseline.js';
import { seccompProfileRestricted } from './checks/seccomp-profile-restricted.js';
import { sysctls } from './checks/sysctls.js';
import { windowsHostProcess } from './checks/windows-host-process.js';

/** Every Pod Security Standards check, in pod-security-admission's order (baseline, then restricted). */
export const pssChecks: readonly PssCheck[] = [
  appArmorProfile,
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMount,
  seLinuxOptions,
  seccompProfileBaseline,
  sysctls,
  windowsHostProcess,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
];

/** The implementation of a check in force at a policy version, if the check exists there. */
export function checkVersionAt(check: PssCheck, minor: number): PssCheckVersion | undefined {
  let found: PssCheckVersion | undefined;
  for (const v of check.versions) if (v.minVersion <= minor) found = v;
  return found;
}

/**
 * The checks that make up a level at a version: baseline = baseline checks; restricted = restricted
 * checks plus baseline checks, minus those an active restricted check overrides.
 */
export function checksFor(
  level: PssLevel,
  version: PssVersion,
): { check: PssCheck; impl: PssCheckVersion }[] {
  if (level === 'privileged') return [];
  const active = pssChecks
    .map((check) => ({ check, impl: checkVersionAt(check, version.minor) }))
    .filter((x): x is { check: PssCheck; impl: PssCheckVersion } => x.impl !== undefined)
    .filter((x) => level === 'restricted' || x.check.level === 'baseline');
  const overridden = new Set(
    active.flatMap((x) => (x.check.level === 'restricted' ? (x.impl.overrides ?? []) : [])),
  );
  return active.filter((x) => !overridden.has(x.check.id));
}

export interface PssResult {
  check: PssCheck;
  violations: PssViolation[];
}

/** Evaluates a pod at a level and version, returning only failed checks. */
export function evaluatePod(pod: PodView, level: PssLevel, version: PssVersion): PssResult[] {
  const out: PssResult[] = [];
  for (const { check, impl } of checksFor(level, version)) {
    const violations = impl.evaluate(pod);
    if (violations.length > 0) out.push({ check, violations });
  }
  return out;
}
