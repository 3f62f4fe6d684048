// `npm run release -- <bump>` for real, in a throwaway clone of this repository: one commit and
// one `v*` tag that version the three packages, the ranges between them, the chart (version and
// appVersion, hence the default image tag) and the changelog together; the committed chart is
// exactly what its generator writes (the drift check passes on the release commit).
const { execFileSync } = require('node:child_process');
const {
  existsSync,
  mkdirSync,

  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
} = require('node:fs');
const { join } = require('node:path');

const { cloneRepository, git, root } = require('../support/clone.cjs');
const nxEnv = (clone) => ({
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_CACHE_DIRECTORY: join(clone, '.nx', 'cache'),
  NX_WORKSPACE_DATA_DIRECTORY: join(clone, '.nx', 'workspace-data'),
});

/** node_modules for the clone: the installed packages, but the workspaces linked to the clone's own. */
function linkNodeModules(clone) {
  const target = join(clone, 'node_modules');
  mkdirSync(join(target, '@otlp-kit'), { recursive: true });
  for (const entry of readdirSync(join(root, 'node_modules'))) {
    if (entry === '@otlp-kit' || entry === '.bin') continue;
    symlinkSync(join(root, 'node_modules', entry), join(target, entry));
  }
  for (const name of ['otlp-client', 'chart-gen', 'policy-lint'])
    symlinkSync(join(clone, 'packages', name), join(target, '@otlp-kit', name));
  symlinkSync(join(clone, 'tools'), join(target, '@otlp-kit', 'workspace-tools'));
  // Workspaces' own node_modules (versions that differ from the hoisted ones).
  for (const dir of ['packages/otlp-client', 'packages/chart-gen', 'packages/policy-lint', 'tools'])
    if (existsSync(join(root, dir, 'node_modules')))
      symlinkSync(join(root, dir, 'node_modules'), join(clone, dir, 'node_modules'));
}

describe('npm run release', () => {
  let clone;
  beforeAll(() => {
    clone = cloneRepository('release-');
    linkNodeModules(clone);
    execFileSync(process.execPath, [join(root, 'tools', 'scripts', 'install-helm.mjs')], {
      cwd: clone,
      stdio: 'ignore',
    });
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('versions packages, ranges, chart and changelog in one tagged commit', () => {
    const before = git(clone, 'rev-parse', 'HEAD').trim();
    execFileSync(process.execPath, [join(clone, 'tools', 'scripts', 'release.mjs'), '7.3.0'], {
      cwd: clone,
      env: nxEnv(clone),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(git(clone, 'rev-parse', 'HEAD~1').trim()).toBe(before);
    expect(git(clone, 'tag', '--points-at', 'HEAD').trim()).toBe('v7.3.0');
    expect(git(clone, 'log', '-1', '--format=%s').trim()).toBe('chore(release): v7.3.0');
    expect(git(clone, 'status', '--porcelain').trim()).toBe('');
    const changed = git(clone, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();
    expect(changed).toEqual(
      expect.arrayContaining([
        'CHANGELOG.md',
        'charts/otlp-client/Chart.yaml',
        'package-lock.json',
        'packages/chart-gen/package.json',
        'packages/otlp-client/package.json',
        'packages/policy-lint/package.json',
      ]),
    );
    const pkg = (name) => JSON.parse(readFileSync(join(clone, 'packages', name, 'package.json'), 'utf8'));
    for (const name of ['otlp-client', 'chart-gen', 'policy-lint']) expect(pkg(name).version).toBe('7.3.0');
    expect(pkg('chart-gen').dependencies).toMatchObject({
      '@otlp-kit/otlp-client': '^7.3.0',
      '@otlp-kit/policy-lint': '^7.3.0',
    });
    const chart = readFileSync(join(clone, 'charts', 'otlp-client', 'Chart.yaml'), 'utf8');
    expect(chart).toMatch(/^version: 7\.3\.0$/m);
    expect(chart).toMatch(/^appVersion: 7\.3\.0$/m);
    expect(chart).toContain('image: ghcr.io/otlp-kit/otlp-client:7.3.0');
    expect(readFileSync(join(clone, 'CHANGELOG.md'), 'utf8')).toMatch(/^## 7\.3\.0 /m);
    // The release commit passes the generated-files drift check.
    execFileSync(
      join(root, 'node_modules', '.bin', 'nx'),
      ['run', 'chart-gen:check', '--output-style=static'],
      {
        cwd: clone,
        env: nxEnv(clone),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  }, 300_000);
});
