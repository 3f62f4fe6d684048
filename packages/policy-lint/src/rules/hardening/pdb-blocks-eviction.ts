import { asObject, getIn } from '../../model/path.js';
import type { K8sObject } from '../../model/types.js';
import type { LintContext } from '../context.js';
import { namespaceOf, replicasOf } from '../../model/workload.js';
import { selectorMatches } from '../../model/selector.js';
import type { Rule } from '../types.js';

/** The fewest replicas a workload runs: an HPA's minReplicas (default 1) when one targets it. */
function lowestReplicas(ctx: LintContext, workload: K8sObject): number | undefined {
  const hpa = ctx.byKind('HorizontalPodAutoscaler').find((h) => {
    const ref = asObject(getIn(h.body, ['spec', 'scaleTargetRef']));
    return (
      namespaceOf(h) === namespaceOf(workload) && ref.kind === workload.kind && ref.name === workload.name
    );
  });
  if (hpa) {
    const min = getIn(hpa.body, ['spec', 'minReplicas']);
    return typeof min === 'number' ? min : 1;
  }
  return replicasOf(workload);
}

export const hardeningPdbBlocksEviction: Rule = {
  id: 'hardening-pdb-blocks-eviction',
  family: 'hardening',
  defaultSeverity: 'error',
  description:
    'A PodDisruptionBudget allows no voluntary eviction (maxUnavailable 0, or minAvailable at least the replica count), so node drains hang.',
  remediation:
    'Use maxUnavailable: 1 (or minAvailable below the replica count) and run more than one replica.',
  check(ctx, report) {
    for (const pdb of ctx.byKind('PodDisruptionBudget')) {
      const spec = asObject(pdb.body.spec);
      if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') {
        report({
          object: pdb,
          path: ['spec', 'maxUnavailable'],
          message: `PodDisruptionBudget "${pdb.name}" has maxUnavailable ${String(spec.maxUnavailable)}: no pod can ever be evicted`,
        });
        continue;
      }
      if (spec.minAvailable === '100%') {
        report({
          object: pdb,
          path: ['spec', 'minAvailable'],
          message: `PodDisruptionBudget "${pdb.name}" has minAvailable 100%: no pod can ever be evicted`,
        });
        continue;
      }
      const min = typeof spec.minAvailable === 'number' ? spec.minAvailable : undefined;
      if (min === undefined) continue;
      for (const pod of ctx.podsIn(namespaceOf(pdb))) {
        if (!selectorMatches(spec.selector, pod.labels)) continue;
        const replicas = lowestReplicas(ctx, pod.object);
        if (replicas !== undefined && min >= replicas) {
          report({
            object: pdb,
            path: ['spec', 'minAvailable'],
            message: `PodDisruptionBudget "${pdb.name}" requires ${min} available pods but ${pod.object.kind} "${pod.object.name}" runs ${replicas}: no pod can be evicted`,
          });
        }
      }
    }
  },
};
