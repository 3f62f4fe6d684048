import { asStringMap, getIn } from '../model/path.js';
import type { K8sObject } from '../model/types.js';
import type { PodView } from '../model/workload.js';
import { namespaceOf, podOf } from '../model/workload.js';
import { evaluatePod } from '../pss/registry.js';
import type { PssLevel, PssViolation } from '../pss/types.js';
import { latestPssVersion, parsePssVersion } from '../pss/version.js';
import type { PssVersion } from '../pss/version.js';

export interface PssSettings {
  /** Forces the level for every pod; otherwise the Namespace's enforce label, else restricted. */
  level?: PssLevel;
  /** Forces the version; otherwise the Namespace's enforce-version label, else latest. */
  version?: PssVersion;
}

export interface PssPolicy {
  level: PssLevel;
  version: PssVersion;
}

const enforceLabel = 'pod-security.kubernetes.io/enforce';
const enforceVersionLabel = 'pod-security.kubernetes.io/enforce-version';
const levels: readonly PssLevel[] = ['privileged', 'baseline', 'restricted'];

/** Everything the rules see: the objects, indexed, and per-pod Pod Security results computed once. */
export class LintContext {
  readonly pods: PodView[] = [];
  private readonly kinds = new Map<string, K8sObject[]>();
  private readonly podsByNamespace = new Map<string, PodView[]>();
  private readonly memos = new Map<string, unknown>();
  private readonly namespaces = new Map<string, K8sObject>();
  private readonly pssCache = new Map<PodView, Map<string, PssViolation[]>>();

  constructor(
    readonly objects: readonly K8sObject[],
    private readonly pss: PssSettings = {},
  ) {
    for (const o of objects) {
      let list = this.kinds.get(o.kind);
      if (!list) this.kinds.set(o.kind, (list = []));
      list.push(o);
      if (o.kind === 'Namespace' && o.apiVersion === 'v1') this.namespaces.set(o.name, o);
      const pod = podOf(o);
      if (pod) {
        this.pods.push(pod);
        const ns = namespaceOf(o);
        let list = this.podsByNamespace.get(ns);
        if (!list) this.podsByNamespace.set(ns, (list = []));
        list.push(pod);
      }
    }
  }

  byKind(...kinds: string[]): readonly K8sObject[] {
    if (kinds.length === 1) return this.kinds.get(kinds[0]) ?? [];
    return kinds.flatMap((k) => this.kinds.get(k) ?? []);
  }

  /** A value derived from the input, computed once and shared by the rules that need it (indexes). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** The Namespace object of that name, when the input defines it. */
  namespace(name: string): K8sObject | undefined {
    return this.namespaces.get(name);
  }

  podsIn(namespace: string): readonly PodView[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  /** The Pod Security policy a pod is judged by: CLI flags, else its Namespace's labels, else restricted:latest. */
  pssPolicyFor(object: K8sObject): PssPolicy {
    const labels = asStringMap(getIn(this.namespace(namespaceOf(object))?.body, ['metadata', 'labels']));
    let level = this.pss.level;
    if (!level) {
      const label = labels[enforceLabel];
      // PSA treats an unparsable level as restricted.
      level =
        label === undefined
          ? 'restricted'
          : levels.includes(label as PssLevel)
            ? (label as PssLevel)
            : 'restricted';
    }
    let version = this.pss.version;
    if (!version) {
      const label = labels[enforceVersionLabel];
      version = (label && parsePssVersion(label)) || latestPssVersion;
    }
    return { level, version };
  }

  /** Failed Pod Security checks of a pod, keyed by check id (computed once, shared by the pss rules). */
  pssViolations(pod: PodView): Map<string, PssViolation[]> {
    let result = this.pssCache.get(pod);
    if (!result) {
      const policy = this.pssPolicyFor(pod.object);
      result = new Map(evaluatePod(pod, policy.level, policy.version).map((r) => [r.check.id, r.violations]));
      this.pssCache.set(pod, result);
    }
    return result;
  }
}
