import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingInputs } from '../../src/commands/validate';
import { freshChart, root } from '../helpers';

const cli = join(root, 'packages', 'chart-gen', 'dist', 'cli.js');
const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

describe('chart-gen validate: inputs are checked before Helm runs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'validate-inputs-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a missing values file is one error naming it, exit 2, and no Helm check runs', () => {
    const missing = join(scratch, 'missing.yaml');
    const r = run(['validate', '--values', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`chart-gen: --values ${missing}: no such file`);
    expect(r.stdout).not.toContain('helm');
  });

  it('a missing chart directory and a directory that is no chart are named', () => {
    expect(missingInputs(join(scratch, 'nope'), [])).toEqual([
      `--chart ${join(scratch, 'nope')}: no such directory`,
    ]);
    expect(missingInputs(scratch, [scratch])).toEqual([
      `--chart ${scratch}: not a Helm chart (no Chart.yaml)`,
      `--values ${scratch}: not a file`,
    ]);
    expect(missingInputs(freshChart(), [])).toEqual([]);
    const r = run(['validate', '--chart', join(scratch, 'nope')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such directory');
  });

  it('--version prints the package version', () => {
    const r = run(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
