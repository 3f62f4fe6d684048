// KWOK's stages: how fake nodes and pods move through their lifecycle. Taken from the KWOK module
// the binary is built from (its kustomize/stage files, as kwokctl uses them), plus one of ours:
// Helm test pods (bare pods with the helm.sh/hook test annotation) complete, as KWOK's own
// pod-complete stage does only for pods of a Job.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goPath } from './paths.mjs';
import { kwokVersion } from './versions.mjs';

const upstreamStages = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
];

const helmTestComplete = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: otlp-kit-helm-test-complete
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.metadata.annotations["helm.sh/hook"]'
      operator: 'In'
      values:
      - 'test'
      - 'test-success'
  next:
    statusTemplate: |
      {{ $now := Now }}
      containerStatuses:
      {{ range $index, $item := .spec.containers }}
      - image: {{ $item.image | Quote }}
        name: {{ $item.name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded
`;

/** The --config file of the KWOK controller. */
export function kwokStagesYaml(cache) {
  const stageDir = join(goPath(cache), 'pkg', 'mod', `sigs.k8s.io/kwok@${kwokVersion}`, 'kustomize', 'stage');
  return (
    [...upstreamStages.map((file) => readFileSync(join(stageDir, file), 'utf8')), helmTestComplete]
      .map((text) => text.trim())
      .join('\n---\n') + '\n'
  );
}
