import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import type { LintResult } from '../engine.js';
import type { Severity } from '../model/types.js';
import { rules } from '../rules/registry.js';
import { rulesDocUrl, ruleAnchor } from '../docs/links.js';

const level: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};
/** GitHub code scanning maps these to high / medium / low. */
const securitySeverity: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '2.0' };

export interface SarifOptions {
  version: string;
  /** Paths are made relative to this directory (the repository root) for code scanning. */
  root?: string;
}

/** A URI reference relative to %SRCROOT%: each path segment percent-encoded (RFC 3986), as SARIF 2.1.0 requires. */
function repoRelative(file: string, root: string): string {
  const rel = isAbsolute(file) ? relative(root, file) : file;
  return rel
    .split(sep)
    .join('/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** SARIF 2.1.0 for GitHub code scanning: one rule entry per registered rule, suppressed results kept. */
export function formatSarif(result: LintResult, options: SarifOptions): string {
  const root = options.root ?? process.cwd();
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-lint',
            version: options.version,
            informationUri: rulesDocUrl,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.details ? `${r.description} ${r.details}` : r.description },
              help: { text: r.remediation, markdown: `**Remediation:** ${r.remediation}` },
              helpUri: `${rulesDocUrl}#${ruleAnchor(r.id)}`,
              defaultConfiguration: { level: level[r.defaultSeverity] },
              properties: {
                tags: ['security', 'kubernetes', r.family],
                precision: 'very-high',
                'security-severity': securitySeverity[r.defaultSeverity],
              },
            })),
          },
        },
        automationDetails: { id: 'policy-lint/' },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => {
          const identity = f.kind ? `${f.namespace ? `${f.namespace}/` : ''}${f.kind}/${f.name}` : '';
          return {
            ruleId: f.ruleId,
            ruleIndex: index.get(f.ruleId) ?? -1,
            level: level[f.severity],
            message: { text: identity ? `${f.message} (object: ${identity})` : f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: repoRelative(f.file, root), uriBaseId: '%SRCROOT%' },
                  region: { startLine: f.line, startColumn: f.column },
                },
                ...(identity
                  ? { logicalLocations: [{ fullyQualifiedName: identity, kind: 'resource' }] }
                  : {}),
              },
            ],
            // Stable across line shifts: rule + object identity + field path.
            partialFingerprints: {
              'policyLint/v1': createHash('sha256')
                .update(`${f.ruleId}|${identity}|${f.path}|${f.file}`)
                .digest('hex')
                .slice(0, 32),
            },
            ...(f.suppressed
              ? { suppressions: [{ kind: 'inSource', justification: f.suppression ?? '' }] }
              : {}),
          };
        }),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
