import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, findConfig, parseConfig } from '../../src/config/load';
import { lintSources } from '../../src/engine';
import { restrictedPod, toYaml } from '../helpers';

describe('.policy-lint.yaml', () => {
  it('is found from the working directory upwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-config-'));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, '.policy-lint.yaml'), 'rules: {}\n');
    expect(findConfig(join(dir, 'a', 'b'))).toBe(join(dir, '.policy-lint.yaml'));
  });

  it('changes severities, switches rules off, ignores paths', () => {
    const config = parseConfig(
      'rules:\n  hardening-probes: off\n  hardening-image-tag: error\nignorePaths:\n  - "vendor/**"\n',
      '/repo/.policy-lint.yaml',
    );
    const pod = restrictedPod();
    pod.spec.containers[0].image = 'nginx';
    const result = lintSources(
      [
        { file: '/repo/app.yaml', text: toYaml(pod) },
        { file: '/repo/vendor/x.yaml', text: toYaml(pod) },
      ],
      { config, only: ['hardening'] },
    );
    expect(result.summary.files).toBe(1);
    expect(result.findings.map((f) => `${f.ruleId}:${f.severity}`).sort()).toEqual([
      'hardening-image-tag:error',
      'hardening-resources:warning',
    ]);
  });

  it.each([
    ['rules:\n  no-such-rule: error\n', /x\.yaml:2: rules\.no-such-rule: unknown rule "no-such-rule"/],
    [
      'rules:\n  hardening-probes: loud\n',
      /x\.yaml:2: rules\.hardening-probes: must be one of error, warning, info, off/,
    ],
    ['failOn: fatal\n', /x\.yaml:1: failOn/],
    ['colour: true\n', /x\.yaml:1: colour: unknown key/],
    ['only: [dns]\n', /unknown rule family "dns"/],
    ['rules: [\n', /x\.yaml:\d+:/],
  ])('names the file, line and key of bad settings: %j', (text, message) => {
    expect(() => parseConfig(text, 'x.yaml')).toThrow(ConfigError);
    expect(() => parseConfig(text, 'x.yaml')).toThrow(message);
  });
});
