import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { lintSources } from '../src/engine.js';
import type { LintOptions } from '../src/engine.js';
import type { Finding } from '../src/model/types.js';
import { runCli } from '../src/run.js';
import type { CliOptions } from '../src/run.js';

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

/** Runs the command in-process with defaults (text, no config file), capturing its output. */
export function runInProcess(
  partial: Partial<CliOptions>,
  stdin?: string,
): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(
    {
      paths: [],
      format: 'text',
      only: [],
      showSuppressed: false,
      listRules: false,
      colour: false,
      cwd: tmpdir(),
      config: false,
      ...partial,
    },
    { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: () => stdin ?? '' },
  );
  return { code, out, err };
}
