import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package version, read from package.json (src/ and dist/ are both one level below it). */
export const version: string = (
  JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
