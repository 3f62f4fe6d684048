#!/usr/bin/env node
// Part of `npm ci`/`npm install` (the root postinstall): compiles the three packages, so that the
// commands npm links (`npx policy-lint`, `npx chart-gen`, `npx otlp-client`) run ours straight
// after install, without a network and before anything else is built. `tsc --build` is what the
// Nx build targets run, so their later runs find the output up to date. Skipped where the
// sources are absent (an install of the production dependencies only, as in the image build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const projects = ['otlp-client', 'chart-gen', 'policy-lint'].map((name) =>
  join(root, 'packages', name, 'tsconfig.lib.json'),
);

let tsc;
try {
  tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
} catch {
  console.log('build-packages: typescript is not installed (production install): nothing to build');
  process.exit(0);
}
if (!projects.every((p) => existsSync(p))) process.exit(0);
// `npm install --package-lock-only` (as nx release runs it) installs nothing, so builds nothing.
if (process.env.npm_config_package_lock_only === 'true') process.exit(0);

const started = Date.now();
const r = spawnSync(process.execPath, [tsc, '--build', ...projects], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('build-packages: tsc --build failed (see above); `npx nx run-many -t build` shows it again');
  process.exit(r.status ?? 1);
}
console.log(`build-packages: otlp-client, chart-gen and policy-lint built in ${Date.now() - started} ms`);
