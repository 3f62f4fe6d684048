import { asArray, asObject, getIn } from '../../model/path.js';
import type { K8sObject } from '../../model/types.js';
import { namespaceOf } from '../../model/workload.js';
import type { Rule } from '../types.js';

function targetKey(o: K8sObject, ref: unknown): string {
  const r = asObject(ref);
  return `${namespaceOf(o)}/${String(r.kind)}/${String(r.name)}`;
}

/** Resources an HPA scales on (autoscaling/v1 targetCPUUtilizationPercentage counts as cpu). */
function hpaResources(hpa: K8sObject): string[] {
  const spec = asObject(hpa.body.spec);
  const out = asArray(spec.metrics)
    .map(asObject)
    .filter((m) => m.type === 'Resource' || m.type === 'ContainerResource')
    .map((m) => String(asObject(m.type === 'Resource' ? m.resource : m.containerResource).name));
  if (spec.targetCPUUtilizationPercentage !== undefined) out.push('cpu');
  // autoscaling/v2 with no metrics defaults to 80% CPU.
  if (spec.metrics === undefined && spec.targetCPUUtilizationPercentage === undefined) out.push('cpu');
  return out;
}

/** Resources a VPA acts on, or [] when it only recommends (updateMode Off). */
function vpaResources(vpa: K8sObject): string[] {
  const mode = getIn(vpa.body, ['spec', 'updatePolicy', 'updateMode']);
  if (mode === 'Off') return [];
  const policies = asArray(getIn(vpa.body, ['spec', 'resourcePolicy', 'containerPolicies'])).map(asObject);
  const controlled = new Set<string>();
  if (policies.length === 0) return ['cpu', 'memory'];
  for (const p of policies) {
    if (p.mode === 'Off') continue;
    const res = asArray(p.controlledResources);
    for (const r of res.length > 0 ? res : ['cpu', 'memory']) controlled.add(String(r));
  }
  return [...controlled];
}

export const hardeningHpaVpaConflict: Rule = {
  id: 'hardening-hpa-vpa-conflict',
  family: 'hardening',
  defaultSeverity: 'error',
  description:
    'A HorizontalPodAutoscaler and a VerticalPodAutoscaler both act on the CPU or memory of the same workload.',
  remediation:
    'Scale horizontally on CPU/memory or vertically, not both; use VPA updateMode "Off" for recommendations or HPA on custom metrics only.',
  details: 'VPA changes the requests that HPA utilization is computed from, so the two fight.',
  check(ctx, report) {
    const vpas = ctx.byKind('VerticalPodAutoscaler');
    for (const hpa of ctx.byKind('HorizontalPodAutoscaler')) {
      const key = targetKey(hpa, getIn(hpa.body, ['spec', 'scaleTargetRef']));
      const hres = hpaResources(hpa);
      for (const vpa of vpas) {
        if (targetKey(vpa, getIn(vpa.body, ['spec', 'targetRef'])) !== key) continue;
        const both = vpaResources(vpa).filter((r) => hres.includes(r));
        if (both.length > 0) {
          report({
            object: hpa,
            path: ['spec', 'metrics'],
            message: `HorizontalPodAutoscaler "${hpa.name}" and VerticalPodAutoscaler "${vpa.name}" both act on ${both.join(' and ')} of ${key.split('/').slice(1).join(' ')}`,
          });
        }
      }
    }
  },
};
