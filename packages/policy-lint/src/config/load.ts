import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { isObject } from '../model/path.js';
import { ruleFamilies, severities } from '../model/types.js';
import type { RuleFamily, Severity } from '../model/types.js';
import { parsePssVersion } from '../pss/version.js';
import { ruleById } from '../rules/registry.js';
import { emptyConfig } from './types.js';
import type { PolicyLintConfig, RuleSetting } from './types.js';

export const configFileNames = ['.policy-lint.yaml', '.policy-lint.yml'];

/** A configuration problem, naming the file, line and key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Finds .policy-lint.yaml in `from` or its ancestors. */
export function findConfig(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    for (const name of configFileNames) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadConfig(file: string): PolicyLintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read configuration: ${(err as Error).message}`);
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): PolicyLintConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${file}:${e.linePos?.[0].line ?? 1}: ${e.message.split('\n')[0]}`);
  }
  const where = (path: (string | number)[]): string => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    return `${file}:${line}: ${path.join('.')}`;
  };
  const raw: unknown = doc.toJS() ?? {};
  if (!isObject(raw)) throw new ConfigError(`${file}:1: the configuration must be a mapping`);
  const config: PolicyLintConfig = {
    ...emptyConfig,
    rules: {},
    ignorePaths: [],
    only: [],
    pss: {},
    source: file,
    baseDir: dirname(resolve(file)),
  };
  for (const key of Object.keys(raw)) {
    if (!['rules', 'ignorePaths', 'only', 'failOn', 'pss'].includes(key)) {
      throw new ConfigError(
        `${where([key])}: unknown key (expected rules, ignorePaths, only, failOn or pss)`,
      );
    }
  }
  if (raw.rules !== undefined) {
    if (!isObject(raw.rules))
      throw new ConfigError(`${where(['rules'])}: must map rule ids to a severity or "off"`);
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!ruleById(id)) throw new ConfigError(`${where(['rules', id])}: unknown rule "${id}"`);
      if (value !== 'off' && !severities.includes(value as Severity)) {
        throw new ConfigError(
          `${where(['rules', id])}: must be one of ${[...severities, 'off'].join(', ')}, got ${JSON.stringify(value)}`,
        );
      }
      config.rules[id] = value as RuleSetting;
    }
  }
  if (raw.ignorePaths !== undefined) {
    if (!Array.isArray(raw.ignorePaths) || raw.ignorePaths.some((p) => typeof p !== 'string')) {
      throw new ConfigError(`${where(['ignorePaths'])}: must be a list of glob strings`);
    }
    config.ignorePaths = raw.ignorePaths as string[];
  }
  if (raw.only !== undefined) {
    const only = Array.isArray(raw.only) ? raw.only : [raw.only];
    for (const f of only) {
      if (!ruleFamilies.includes(f as RuleFamily))
        throw new ConfigError(
          `${where(['only'])}: unknown rule family ${JSON.stringify(f)} (expected ${ruleFamilies.join(', ')})`,
        );
    }
    config.only = only as RuleFamily[];
  }
  if (raw.failOn !== undefined) {
    // "none" as on the command line: report, never fail.
    if (raw.failOn !== 'none' && !severities.includes(raw.failOn as Severity))
      throw new ConfigError(`${where(['failOn'])}: must be one of ${[...severities, 'none'].join(', ')}`);
    config.failOn = raw.failOn as Severity | 'none';
  }
  if (raw.pss !== undefined) {
    if (!isObject(raw.pss))
      throw new ConfigError(`${where(['pss'])}: must be a mapping with level and version`);
    const { level, version, ...rest } = raw.pss;
    if (Object.keys(rest).length > 0)
      throw new ConfigError(`${where(['pss', Object.keys(rest)[0]])}: unknown key`);
    if (level !== undefined && !['privileged', 'baseline', 'restricted'].includes(level as string))
      throw new ConfigError(
        `${where(['pss', 'level'])}: must be privileged, baseline or restricted, got ${JSON.stringify(level)}`,
      );
    if (version !== undefined && (typeof version !== 'string' || !parsePssVersion(version)))
      throw new ConfigError(
        `${where(['pss', 'version'])}: must be v1.N or latest, got ${JSON.stringify(version)}`,
      );
    config.pss = { level: level as string | undefined, version: version };
  }
  return config;
}
