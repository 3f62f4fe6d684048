import type { ContainerView, PodView } from '../../model/workload.js';

/** Containers that run for the pod's lifetime (init and ephemeral containers excluded). */
export function appContainers(pod: PodView): ContainerView[] {
  return pod.containers.filter((c) => c.kind === 'containers');
}

/** Batch workloads finish, so liveness/readiness probes are not expected there. */
export function isBatch(pod: PodView): boolean {
  return pod.object.kind === 'Job' || pod.object.kind === 'CronJob';
}
