import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliOptions } from '../src/run';
import { restrictedPod, runInProcess, toYaml } from './helpers';

const run = runInProcess;

const dir = mkdtempSync(join(tmpdir(), 'pl-run-'));
mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
const good = restrictedPod();
Object.assign(good.spec.containers[0], {
  resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '1Gi' } },
});
const bad = restrictedPod();
bad.spec.containers[0].securityContext.privileged = true;
writeFileSync(join(dir, 'nested', 'deeper', 'bad.yml'), toYaml(bad));
writeFileSync(join(dir, 'nested', 'good.json'), JSON.stringify(good));
writeFileSync(join(dir, 'nested', 'notes.txt'), 'not yaml: [');

describe('policy-lint command', () => {
  it('walks directories recursively (yaml, yml, json) and exits 1 on an error finding', () => {
    const r = run({ paths: [dir], only: ['pss'] });
    expect(r.code).toBe(1);
    expect(r.out).toContain('bad.yml');
    expect(r.out).toContain('from 2 files');
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    expect(run({ paths: [join(dir, 'nested', 'good.json')], only: ['pss'] }).code).toBe(0);
    expect(run({ paths: [dir], only: ['hardening'], failOn: 'error' }).code).toBe(0);
    expect(run({ paths: [dir], only: ['hardening'], failOn: 'warning' }).code).toBe(1);
    expect(run({ paths: [dir], only: ['pss'], failOn: 'none' }).code).toBe(0);
  });

  it('reads - from stdin', () => {
    const r = run({ paths: ['-'], format: 'json', only: ['pss'] }, toYaml(bad));
    const doc = JSON.parse(r.out);
    expect(doc.findings[0]).toMatchObject({ ruleId: 'pss-privileged', file: '<stdin>' });
  });

  it('applies --pss-level and --pss-version', () => {
    const ape = restrictedPod();
    delete ape.spec.containers[0].securityContext.allowPrivilegeEscalation;
    expect(run({ paths: ['-'], only: ['pss'] }, toYaml(ape)).code).toBe(1);
    expect(run({ paths: ['-'], only: ['pss'], pssLevel: 'baseline' }, toYaml(ape)).code).toBe(0);
    expect(run({ paths: ['-'], only: ['pss'], pssVersion: 'v1.7' }, toYaml(ape)).code).toBe(0);
  });

  it.each<[Partial<CliOptions>, RegExp]>([
    [{ paths: [join(dir, 'missing.yaml')] }, /missing\.yaml: no such file or directory/],
    [{ paths: [dir], only: ['dns'] }, /--only must be one of pss, rbac, netpol, hardening/],
    [{ paths: [dir], pssVersion: '1.25' }, /--pss-version must be v1\.N or latest/],
    [{ paths: [dir], pssLevel: 'strict' }, /--pss-level must be/],
    [{ paths: [dir], failOn: 'fatal' }, /--fail-on must be/],
    [{ paths: [] }, /no input/],
  ])('exits 2 on usage errors and unreadable input: %j', (opts, message) => {
    const r = run(opts);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('exits 2 on a bad configuration file', () => {
    const cfg = join(dir, 'bad-config.yaml');
    writeFileSync(cfg, 'rules:\n  nope: off\n');
    const r = run({ paths: [dir], config: cfg });
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad-config.yaml:2: rules.nope: unknown rule');
  });

  it('writes --output files', () => {
    const out = join(dir, 'report.sarif');
    run({ paths: [dir], format: 'sarif', output: out, only: ['pss'] });
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });

  it('the built executable behaves the same', () => {
    const cli = join(__dirname, '..', 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, '--only', 'pss', '-'], {
      input: toYaml(bad),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('pss-privileged');
    expect(spawnSync(process.execPath, [cli, '--format', 'xml', dir], { encoding: 'utf8' }).status).toBe(2);
    expect(execFileSync(process.execPath, [cli, '--list-rules'], { encoding: 'utf8' })).toContain(
      'netpol-service-port-blocked',
    );
  });
});
