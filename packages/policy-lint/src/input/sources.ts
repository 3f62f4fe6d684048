import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestSource } from '../engine.js';

const manifestExtensions = /\.(ya?ml|json)$/i;

/** A path that could not be read; reported as an input-unreadable finding and exit code 2. */
export class UnreadableInputError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnreadableInputError';
  }
}

/** Expands files and directories (recursively, *.yaml, *.yml, *.json) into manifest texts; "-" is stdin. */
export function readSources(
  paths: readonly string[],
  stdin: () => string = () => readFileSync(0, 'utf8'),
): ManifestSource[] {
  const out: ManifestSource[] = [];
  for (const p of paths) {
    if (p === '-') {
      out.push({ file: '<stdin>', text: stdin() });
      continue;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch (err) {
      throw new UnreadableInputError(
        p,
        (err as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file or directory'
          : (err as Error).message,
      );
    }
    if (stat.isDirectory()) {
      for (const file of walk(p)) out.push({ file, text: readFileSync(file, 'utf8') });
    } else {
      try {
        out.push({ file: p, text: readFileSync(p, 'utf8') });
      } catch (err) {
        throw new UnreadableInputError(p, (err as Error).message);
      }
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) for (const f of walk(full)) out.push(f);
    else if (entry.isFile() && manifestExtensions.test(entry.name)) out.push(full);
  }
  return out;
}
