#!/usr/bin/env node
// Runs Debian's shellcheck over the repository's shell scripts (.ci/run, tools/**/*.sh,
// packages/*/scripts/*.sh) and counts each file as a check in test-results/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const files = ['.ci/run'];
const walk = (dir) => {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== 'bin') walk(p);
    else if (e.isFile() && e.name.endsWith('.sh')) files.push(relative(root, p));
  }
};
walk(join(root, 'tools'));
walk(join(root, 'packages'));

const probe = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
if (probe.error) {
  console.error('shellcheck is not installed: `apt-get install shellcheck` (.ci/run installs it).');
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  const r = spawnSync('shellcheck', ['-x', f], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
  else console.log(`shellcheck: ${f} ok`);
}
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(
  join(root, 'test-results', 'shellcheck.json'),
  JSON.stringify({
    project: 'workspace-tools',
    runner: 'shellcheck',
    passed: files.length - failed,
    failed,
    skipped: 0,
  }) + '\n',
);
process.exit(failed > 0 ? 1 : 0);
