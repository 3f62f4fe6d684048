import { lintSources } from '../../src/engine';
import { formatJson } from '../../src/output/json';
import { formatSarif } from '../../src/output/sarif';
import { formatText } from '../../src/output/text';
import { rules } from '../../src/rules/registry';
import { restrictedPod, toYaml } from '../helpers';

const pod = restrictedPod();
pod.spec.containers[0].securityContext.privileged = true;
const suppressedPod = restrictedPod();
suppressedPod.metadata.name = 'quiet';
suppressedPod.metadata.annotations = {
  'policy-lint.io/ignore': 'pss-privileged, hardening-probes: debugging pod, removed after the incident',
};
suppressedPod.spec.containers[0].securityContext.privileged = true;
const result = lintSources([{ file: '/repo/deploy/pods.yaml', text: toYaml(pod, suppressedPod) }], {
  only: ['pss', 'hardening'],
});

describe('output formats', () => {
  it('json: one document with findings and summary', () => {
    const doc = JSON.parse(formatJson(result));
    expect(Object.keys(doc)).toEqual(['findings', 'summary']);
    const privileged = doc.findings.filter((f: any) => f.ruleId === 'pss-privileged');
    expect(privileged).toHaveLength(2);
    expect(privileged[0]).toEqual(
      expect.objectContaining({
        severity: 'error',
        file: '/repo/deploy/pods.yaml',
        kind: 'Pod',
        namespace: 'ns',
        name: 'p',
        path: 'spec.containers[0].securityContext.privileged',
        suppressed: false,
      }),
    );
    expect(Object.keys(privileged[0]).slice(0, 11)).toEqual([
      'ruleId',
      'severity',
      'message',
      'file',
      'line',
      'column',
      'kind',
      'namespace',
      'name',
      'path',
      'suppressed',
    ]);
    expect(privileged[1]).toEqual(
      expect.objectContaining({
        name: 'quiet',
        suppressed: true,
        suppression: 'debugging pod, removed after the incident',
      }),
    );
    expect(doc.summary).toEqual(expect.objectContaining({ objects: 2, error: 1, suppressed: 2 }));
  });

  it('sarif: 2.1.0 with rule metadata, repo-relative paths, fingerprints and suppressions', () => {
    const sarif = JSON.parse(formatSarif(result, { version: '9.9.9', root: '/repo' }));
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules).toHaveLength(rules.length);
    for (const r of run.tool.driver.rules) {
      expect(r.helpUri).toMatch(/^https:\/\/.+#/);
      expect(r.help.text.length).toBeGreaterThan(10);
      expect(Number(r.properties['security-severity'])).toBeGreaterThan(0);
    }
    const results = run.results.filter((x: any) => x.ruleId === 'pss-privileged');
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/pods.yaml');
    expect(results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(run.tool.driver.rules[results[0].ruleIndex].id).toBe('pss-privileged');
    expect(results[0].partialFingerprints['policyLint/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(results[0].partialFingerprints['policyLint/v1']).not.toBe(
      results[1].partialFingerprints['policyLint/v1'],
    );
    expect(results[1].suppressions).toEqual([
      { kind: 'inSource', justification: 'debugging pod, removed after the incident' },
    ]);
    expect(results[0].suppressions).toBeUndefined();
  });

  it('sarif fingerprints survive line shifts', () => {
    const shifted = lintSources(
      [{ file: '/repo/deploy/pods.yaml', text: '# a comment\n# another\n' + toYaml(pod) }],
      { only: ['pss'] },
    );
    const first = (r: typeof result) =>
      JSON.parse(formatSarif(r, { version: '1', root: '/repo' })).runs[0].results.find(
        (x: any) => x.ruleId === 'pss-privileged',
      );
    const a = first(result);
    const b = first(shifted);
    expect(b.locations[0].physicalLocation.region.startLine).toBe(
      a.locations[0].physicalLocation.region.startLine + 2,
    );
    expect(b.partialFingerprints).toEqual(a.partialFingerprints);
  });

  it('text: grouped by file, summary line, colour only when asked', () => {
    const plain = formatText(result);
    expect(plain.split('\n')[0]).toBe('/repo/deploy/pods.yaml');
    expect(plain).toContain(
      'error  privileged: container "app" must not set securityContext.privileged=true',
    );
    expect(plain.split('\n').filter((l) => l.includes('quiet') && l.includes('pss-privileged'))).toEqual([]);
    expect(plain.trimEnd().split('\n').pop()).toBe(
      '4 problems (1 error, 3 warnings, 0 info), 2 suppressed, in 2 objects from 1 file',
    );
    expect(plain).not.toContain('\x1b[');
    expect(formatText(result, { colour: true })).toContain('\x1b[31merror\x1b[39m');
    expect(formatText(result, { showSuppressed: true })).toContain('suppressed');
  });
});
