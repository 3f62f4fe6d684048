import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { chartDir, generateFiles } from '../generate/chart-files.js';

/** Files under a directory, relative to `root`. */
export function listFiles(root: string, dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  walk(abs);
  return out.sort();
}

/** Writes the chart and schemas under `root`; files the generator no longer produces are removed. */
export function generate(root: string): string[] {
  const files = generateFiles();
  for (const stale of listFiles(root, chartDir)) {
    if (!files.has(stale)) rmSync(join(root, stale));
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return [...files.keys()];
}
