/** Shared vocabulary of the linter: objects read from manifests, rules and their findings. */

export type Severity = 'error' | 'warning' | 'info';
export const severities: readonly Severity[] = ['error', 'warning', 'info'];
export type RuleFamily = 'pss' | 'rbac' | 'netpol' | 'hardening' | 'input';
export const ruleFamilies: readonly RuleFamily[] = ['pss', 'rbac', 'netpol', 'hardening'];

/** A path into a manifest object, as keys and sequence indexes. */
export type FieldPath = readonly (string | number)[];

/** Position of a finding: the file as given (or the Helm template named by `# Source:`), 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type JsonObject = { [key: string]: unknown };

/** One Kubernetes object read from the input, with what is needed to locate its fields. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** The namespace given in the manifest, or undefined (treated as "default" for namespaced kinds). */
  namespace: string | undefined;
  body: JsonObject;
  /** Path of this object inside its YAML document (non-empty for items of a `List`). */
  basePath: FieldPath;
  /** Resolves a field path (relative to the object) to the nearest existing node's position. */
  locate(path: FieldPath): SourceLocation;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  kind: string;
  namespace: string;
  name: string;
  /** Dotted path of the offending field, e.g. spec.template.spec.containers[0].securityContext. */
  path: string;
  suppressed: boolean;
  /** Why a suppressed finding was suppressed (annotation reason or configuration). */
  suppression?: string;
}

/** What a rule reports; the engine adds severity, location and identity. */
export interface Violation {
  object: K8sObject;
  path: FieldPath;
  message: string;
}

export type Report = (violation: Violation) => void;
