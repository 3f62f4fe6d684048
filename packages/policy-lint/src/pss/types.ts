import type { PodView } from '../model/workload.js';
import type { FieldPath } from '../model/types.js';

export type PssLevel = 'privileged' | 'baseline' | 'restricted';

/** One forbidden thing found by a check, pointing at the field that causes it. */
export interface PssViolation {
  path: FieldPath;
  detail: string;
}

/** A check's behaviour from `minVersion` (a v1.N minor) until the next entry's minVersion. */
export interface PssCheckVersion {
  minVersion: number;
  /** Baseline checks this restricted implementation replaces (Pod Security Admission's OverrideCheckIDs). */
  overrides?: readonly string[];
  evaluate(pod: PodView): PssViolation[];
}

/** One Pod Security Standards control, as Kubernetes' pod-security-admission defines it. */
export interface PssCheck {
  /** The check ID in k8s.io/pod-security-admission (e.g. "capabilities_restricted"). */
  id: string;
  level: 'baseline' | 'restricted';
  /** PSA's ForbiddenReason, the prefix of every message. */
  reason: string;
  description: string;
  remediation: string;
  versions: readonly PssCheckVersion[];
}
