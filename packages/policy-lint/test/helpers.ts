import { stringify } from 'yaml';
import { lintSources } from '../src/engine.js';
import type { LintOptions } from '../src/engine.js';
import type { Finding } from '../src/model/types.js';

/** A Pod that passes restricted at latest: the baseline every PSS case mutates. */
export function restrictedPod(): Record<string, any> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.0.0',
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            readOnlyRootFilesystem: true,
          },
        },
      ],
    },
  };
}

export function toYaml(...objects: unknown[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}

export function lint(yamlText: string, options: LintOptions = {}, file = 'input.yaml'): Finding[] {
  return lintSources([{ file, text: yamlText }], options).findings;
}

/** Rule ids of the findings, unique and sorted. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.ruleId))].sort();
}

export function only(findings: readonly Finding[], prefix: string): Finding[] {
  return findings.filter((f) => f.ruleId.startsWith(prefix));
}
