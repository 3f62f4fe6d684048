import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSarif } from '../src/output/sarif';
import { lintSources } from '../src/engine';
import type { CliOptions } from '../src/run';
import { restrictedPod, runInProcess, toYaml } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'pl-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (partial: Partial<CliOptions>) => runInProcess({ cwd: dir, ...partial });

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('exit codes: 0 clean, 1 findings at --fail-on, 2 usage or no usable input', () => {
  it('input that cannot be read as manifests at all exits 2, not 1', () => {
    const r = run({ paths: [file('garbage.yaml', 'a: [\n')] });
    expect(r.code).toBe(2);
    expect(r.err).toContain('no usable input');
  });

  it('a parse error in one document is a finding and the rest is still linted (exit 1 for its error)', () => {
    const bad = restrictedPod();
    bad.spec.hostNetwork = true;
    const r = run({ paths: [file('mixed.yaml', `a: [\n---\n${toYaml(bad)}`)], failOn: 'error' });
    expect(r.code).toBe(1);
    expect(r.out).toContain('input-parse-error');
    expect(r.out).toContain('pss-host-namespaces');
  });

  it('an unwritable -o is a clear usage error, no stack trace', () => {
    const r = run({
      paths: [file('ok.yaml', toYaml(restrictedPod()))],
      output: join(dir, 'no-such-dir', 'out.sarif'),
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^policy-lint: -o .*out\.sarif: cannot write \(ENOENT\)/);
  });
});

describe('configuration file', () => {
  it('failOn: none works there as on the command line', () => {
    const bad = restrictedPod();
    bad.spec.hostNetwork = true;
    const cfg = file('none.yaml', 'failOn: none\n');
    expect(run({ paths: [file('bad.yaml', toYaml(bad))], config: cfg }).code).toBe(0);
  });

  it('a bad pss level or version names the file and line, not a command-line flag', () => {
    const r = run({
      paths: [file('p.yaml', toYaml(restrictedPod()))],
      config: file('pss.yaml', 'rules: {}\npss:\n  level: strict\n'),
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /pss\.yaml:3: pss\.level: must be privileged, baseline or restricted, got "strict"/,
    );
    expect(r.err).not.toContain('--pss-level');
    const v = run({
      paths: [file('p2.yaml', toYaml(restrictedPod()))],
      config: file('pssv.yaml', 'pss:\n  version: 1.25\n'),
    });
    expect(v.err).toMatch(/pssv\.yaml:2: pss\.version: must be v1\.N or latest/);
  });
});

describe('SARIF', () => {
  it('percent-encodes artifact URIs (a path with a space stays a valid URI reference)', () => {
    const bad = restrictedPod();
    bad.spec.hostNetwork = true;
    const result = lintSources([{ file: 'my manifests/pod #1.yaml', text: toYaml(bad) }]);
    const sarif = JSON.parse(formatSarif(result, { version: '0.0.0', root: '/' }));
    const uris = sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(new Set(uris)).toEqual(new Set(['my%20manifests/pod%20%231.yaml']));
  });
});

describe('scale', () => {
  it('lints a file of 150,000 documents without overflowing the stack', () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    const text = Array.from({ length: 150_000 }, () => doc).join('---\n');
    const result = lintSources([{ file: 'big.yaml', text }], { only: ['pss'] });
    expect(result.summary.objects).toBe(150_000);
  });
});
