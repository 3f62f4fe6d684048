import { writeFileSync } from 'node:fs';
import { ConfigError, findConfig, loadConfig } from './config/load.js';
import { emptyConfig } from './config/types.js';
import type { PolicyLintConfig } from './config/types.js';
import { lintSources, reachesThreshold } from './engine.js';
import type { LintResult, ManifestSource } from './engine.js';
import { readSources, UnreadableInputError } from './input/sources.js';
import { ruleFamilies, severities } from './model/types.js';
import type { RuleFamily, Severity } from './model/types.js';
import { formatJson } from './output/json.js';
import { formatSarif } from './output/sarif.js';
import { formatText } from './output/text.js';
import type { PssLevel } from './pss/types.js';
import { parsePssVersion } from './pss/version.js';
import { rules } from './rules/registry.js';
import { version } from './version.js';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  paths: string[];
  format: OutputFormat;
  output?: string;
  only: string[];
  pssLevel?: string;
  pssVersion?: string;
  failOn?: string;
  config?: string | false;
  sourceRoot?: string;
  showSuppressed: boolean;
  listRules: boolean;
  colour: boolean;
  cwd: string;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?: () => string;
}

/**
 * Exit codes: 0 clean, 1 a finding reaches --fail-on, 2 usage error, unreadable input or no usable
 * input at all (nothing parsed as a manifest); a parse error in some documents is a finding.
 */
export const exitCodes = { ok: 0, findings: 1, usage: 2 } as const;

class UsageError extends Error {}

/** Input that could not be produced (e.g. a chart Helm cannot render): exit 2, with its reason. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

function resolveConfig(opts: CliOptions): PolicyLintConfig {
  if (opts.config === false) return emptyConfig;
  const file = opts.config ?? findConfig(opts.cwd);
  return file ? loadConfig(file) : emptyConfig;
}

function validated(opts: CliOptions, config: PolicyLintConfig) {
  if (!['text', 'json', 'sarif'].includes(opts.format))
    throw new UsageError(`--format must be text, json or sarif, got "${opts.format}"`);
  for (const f of opts.only) {
    if (!ruleFamilies.includes(f as RuleFamily))
      throw new UsageError(`--only must be one of ${ruleFamilies.join(', ')}, got "${f}"`);
  }
  const level = opts.pssLevel ?? config.pss.level;
  if (level !== undefined && !['privileged', 'baseline', 'restricted'].includes(level)) {
    throw new UsageError(`--pss-level must be privileged, baseline or restricted, got "${level}"`);
  }
  const versionText = opts.pssVersion ?? config.pss.version;
  const pssVersion = versionText !== undefined ? parsePssVersion(versionText) : undefined;
  if (versionText !== undefined && !pssVersion)
    throw new UsageError(`--pss-version must be v1.N or latest, got "${versionText}"`);
  const failOn = opts.failOn ?? config.failOn ?? 'error';
  if (failOn !== 'none' && !severities.includes(failOn as Severity))
    throw new UsageError(`--fail-on must be error, warning, info or none, got "${failOn}"`);
  if (opts.paths.length === 0) throw new UsageError('no input: give files, directories or - for stdin');
  return { level: level as PssLevel | undefined, pssVersion, failOn: failOn as Severity | 'none' };
}

export function render(
  result: LintResult,
  opts: Pick<CliOptions, 'format' | 'colour' | 'showSuppressed' | 'cwd'>,
): string {
  if (opts.format === 'json') return formatJson(result);
  if (opts.format === 'sarif') return formatSarif(result, { version, root: opts.cwd });
  return formatText(result, { colour: opts.colour, showSuppressed: opts.showSuppressed });
}

/** Where the manifests come from: the paths (and stdin) by default; `policy-lint chart` renders them. */
export type SourceReader = (opts: CliOptions, io: CliIo) => ManifestSource[];

const readPaths: SourceReader = (opts, io) => readSources(opts.paths, io.stdin);

/** The whole command: returns the exit code and writes through `io`, so tests run it in-process. */
export function runCli(opts: CliOptions, io: CliIo, read: SourceReader = readPaths): number {
  if (opts.listRules) {
    io.stdout(
      rules
        .map(
          (r) => `${r.id.padEnd(36)} ${r.family.padEnd(10)} ${r.defaultSeverity.padEnd(8)} ${r.description}`,
        )
        .join('\n') + '\n',
    );
    return exitCodes.ok;
  }
  try {
    const config = resolveConfig(opts);
    const { level, pssVersion, failOn } = validated(opts, config);
    const sources = read(opts, io);
    const result = lintSources(sources, {
      only: opts.only as RuleFamily[],
      pss: { level, version: pssVersion },
      config,
      parse: { sourceRoot: opts.sourceRoot },
    });
    const text = render(result, opts);
    if (opts.output) {
      try {
        writeFileSync(opts.output, text);
      } catch (err) {
        throw new UsageError(
          `-o ${opts.output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        );
      }
    } else io.stdout(text);
    if (result.summary.objects === 0 && result.findings.some((f) => f.ruleId === 'input-parse-error')) {
      io.stderr('policy-lint: no usable input: nothing could be read as a Kubernetes manifest\n');
      return exitCodes.usage;
    }
    return failOn !== 'none' && reachesThreshold(result.findings, failOn) ? exitCodes.findings : exitCodes.ok;
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      err instanceof UnreadableInputError ||
      err instanceof InputError
    ) {
      io.stderr(`policy-lint: ${err.message}\n`);
      return exitCodes.usage;
    }
    throw err;
  }
}
