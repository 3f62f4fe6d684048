import { asArray, asObject, getIn, isObject } from './path.js';
import type { FieldPath, JsonObject, K8sObject } from './types.js';

/** Where each pod-bearing kind keeps its pod template (as Pod Security Admission extracts it). */
export const podTemplatePaths: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  PodTemplate: ['template'],
  ReplicationController: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export type ContainerKind = 'initContainers' | 'containers' | 'ephemeralContainers';
export const containerKinds: readonly ContainerKind[] = [
  'initContainers',
  'containers',
  'ephemeralContainers',
];

export interface ContainerView {
  container: JsonObject;
  name: string;
  kind: ContainerKind;
  /** Path of the container, relative to the object. */
  path: FieldPath;
}

/** A pod (or pod template) as the checks see it: its metadata, spec and every container. */
export interface PodView {
  object: K8sObject;
  /** Path of the template (metadata + spec) relative to the object; [] for a Pod. */
  templatePath: FieldPath;
  metadata: JsonObject;
  spec: JsonObject;
  labels: Record<string, string>;
  containers: ContainerView[];
}

export function specPath(pod: PodView, ...rest: FieldPath): FieldPath {
  return [...pod.templatePath, 'spec', ...rest];
}

export function metadataPath(pod: PodView, ...rest: FieldPath): FieldPath {
  return [...pod.templatePath, 'metadata', ...rest];
}

/** The pod template of a workload, or undefined for kinds that have none. */
export function podOf(object: K8sObject): PodView | undefined {
  const templatePath = podTemplatePaths[object.kind];
  if (!templatePath) return undefined;
  const template = templatePath.length === 0 ? object.body : getIn(object.body, templatePath);
  if (!isObject(template)) return undefined;
  const metadata = asObject(template.metadata);
  const spec = asObject(template.spec);
  const containers: ContainerView[] = [];
  for (const kind of containerKinds) {
    asArray(spec[kind]).forEach((c, i) => {
      if (!isObject(c)) return;
      containers.push({
        container: c,
        name: typeof c.name === 'string' ? c.name : `#${i}`,
        kind,
        path: [...templatePath, 'spec', kind, i],
      });
    });
  }
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(asObject(metadata.labels))) if (typeof v === 'string') labels[k] = v;
  return { object, templatePath, metadata, spec, labels, containers };
}

/** Namespace an object lives in, "default" when unset (as kubectl apply would place it). */
export function namespaceOf(object: K8sObject): string {
  return object.namespace ?? 'default';
}

/** Replica count of a workload: spec.replicas, 1 when unset, undefined when not a scalable kind. */
export function replicasOf(object: K8sObject): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(object.kind))
    return undefined;
  const r = getIn(object.body, ['spec', 'replicas']);
  return typeof r === 'number' ? r : 1;
}
