// The npm packages as users get them: the commands a workspace install links run ours, and each
// `npm pack` tarball, installed into an empty directory from the tarballs alone, works.
const { execFileSync, spawnSync } = require('node:child_process');
const {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');
const packages = ['otlp-client', 'chart-gen', 'policy-lint'];
const manifest = (name) => JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20, ...options });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm commands of the workspace install', () => {
  it.each(packages)('node_modules/.bin/%s is ours and prints its version', (name) => {
    const bin = join(root, 'node_modules', '.bin', name);
    expect(realpathSync(bin)).toBe(join(root, 'packages', name, 'bin', `${name}.cjs`));
    const r = run(bin, ['--version']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(manifest(name).version);
  });
});

describe('npm pack tarballs installed into an empty directory', () => {
  const work = mkdtempSync(join(tmpdir(), 'npm-packages-'));
  const app = join(work, 'app');
  const tarballs = {};

  beforeAll(() => {
    for (const name of packages) {
      const out = execFileSync(
        'npm',
        ['pack', '-w', `packages/${name}`, '--pack-destination', work, '--json'],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      const [packed] = JSON.parse(out);
      tarballs[name] = { file: join(work, packed.filename), files: packed.files.map((f) => f.path) };
    }
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'app', version: '1.0.0', private: true }),
    );
    // From the tarballs alone: the @otlp-kit dependencies between them resolve to these files, the
    // third-party ones come from npm's cache where it has them.
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...packages.map((n) => tarballs[n].file),
      ],
      { cwd: app, stdio: ['ignore', 'ignore', 'pipe'] },
    );
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('each tarball has its LICENSE, README, bin and the files its code reads; every source map resolves', () => {
    const needs = {
      'otlp-client': ['config.schema.json'],
      'chart-gen': ['chart-templates/templates/deployment.yaml.hbs'],
      'policy-lint': ['docs/rules.md'],
    };
    for (const name of packages) {
      const files = new Set(tarballs[name].files);
      for (const f of [
        'LICENSE',
        'README.md',
        'package.json',
        `bin/${name}.cjs`,
        'dist/cli.js',
        'dist/index.js',
        ...needs[name],
      ])
        expect({ name, file: f, packed: files.has(f) }).toEqual({ name, file: f, packed: true });
      expect([...files].filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
      const installed = join(app, 'node_modules', '@otlp-kit', name);
      const missing = [];
      for (const map of [...files].filter((f) => f.endsWith('.map'))) {
        const { sources } = JSON.parse(readFileSync(join(installed, map), 'utf8'));
        for (const s of sources)
          if (!existsSync(join(installed, map, '..', s))) missing.push(`${map} → ${s}`);
      }
      expect(missing).toEqual([]);
      // Dependencies on each other are real ranges that the released versions satisfy.
      for (const [dep, range] of Object.entries(manifest(name).dependencies ?? {}))
        if (dep.startsWith('@otlp-kit/')) expect(range).toBe(`^${manifest(dep.split('/')[1]).version}`);
    }
  });

  it('policy-lint lints a manifest: a finding exits 1, a clean file exits 0', () => {
    const bin = join(app, 'node_modules', '.bin', 'policy-lint');
    const bad = join(work, 'privileged.yaml');
    writeFileSync(
      bad,
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: n }\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      securityContext: { privileged: true }\n',
    );
    const finding = run(bin, ['--format', 'json', bad], { cwd: work });
    expect(finding.status).toBe(1);
    const ruleIds = JSON.parse(finding.stdout).findings.map((f) => f.ruleId);
    expect(ruleIds).toContain('pss-privileged');
    const good = join(work, 'configmap.yaml');
    writeFileSync(
      good,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: n }\ndata: { a: b }\n',
    );
    const clean = run(bin, [good], { cwd: work });
    expect({ status: clean.status, stderr: clean.stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('chart-gen generate writes a chart identical to charts/otlp-client', () => {
    const out = join(work, 'generated');
    const r = run(join(app, 'node_modules', '.bin', 'chart-gen'), ['generate', '--out', out], { cwd: work });
    expect(r.status).toBe(0);
    const list = (dir, prefix = '') =>
      readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? list(dir, join(prefix, e.name)) : [join(prefix, e.name)],
      );
    const committed = join(root, 'charts', 'otlp-client');
    const generated = join(out, 'charts', 'otlp-client');
    expect(list(generated).sort()).toEqual(list(committed).sort());
    for (const f of list(committed))
      expect({
        f,
        same: readFileSync(join(generated, f), 'utf8') === readFileSync(join(committed, f), 'utf8'),
      }).toEqual({
        f,
        same: true,
      });
  });

  it('the exporter loads with require and with import, the agent from its subpath, and the agent command runs', () => {
    const cjs = run(
      process.execPath,
      ['-e', 'const m = require("@otlp-kit/otlp-client"); console.log(typeof m.OtlpExporter)'],
      {
        cwd: app,
      },
    );
    expect(cjs.stdout.trim()).toBe('function');
    const esm = run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'import { OtlpExporter } from "@otlp-kit/otlp-client"; console.log(typeof OtlpExporter)',
      ],
      { cwd: app },
    );
    expect(esm.stdout.trim()).toBe('function');
    // The agent is a subpath of its own; the root entry is the exporter library only.
    const agent = run(
      process.execPath,
      [
        '-e',
        'const a = require("@otlp-kit/otlp-client/agent"); const r = require("@otlp-kit/otlp-client"); console.log(typeof a.Agent, typeof r.Agent)',
      ],
      { cwd: app },
    );
    expect(agent.stdout.trim()).toBe('function undefined');
    const version = run(join(app, 'node_modules', '.bin', 'otlp-client'), ['--version'], { cwd: app });
    expect(version.stdout.trim()).toBe(manifest('otlp-client').version);
  });
});
