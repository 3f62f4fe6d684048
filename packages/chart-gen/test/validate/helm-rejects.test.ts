import { freshChart, helm3, helm4, runHelm, valuesFile } from '../helpers';

const chart = freshChart();

/**
 * Bad values files must be refused by Helm itself (the schema ships in the chart), with a message
 * that names the offending key, so `helm install` users see the error before anything is applied.
 */
describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s refuses invalid values, naming the key', (_name, bin) => {
  it.each([
    ['a typo in a key', { replicaCont: 2 }, /replicaCont/],
    ['a misspelt nested key', { image: { pulPolicy: 'Always' } }, /pulPolicy/],
    ['a wrong type', { replicaCount: 'three' }, /replicaCount/],
    ['a bad enum', { image: { pullPolicy: 'Sometimes' } }, /pullPolicy/],
    ['a bad quantity', { resources: { limits: { memory: '512 megs' } } }, /memory/],
    ['a bad duration in the agent config', { config: { otlp: { timeout: 'soon' } } }, /timeout/],
    [
      'an HPA and a VPA both on CPU/memory',
      { verticalPodAutoscaler: { enabled: true, updateMode: 'Auto' } },
      /updateMode/,
    ],
  ])('%s', (_what, values, key) => {
    const r = runHelm(bin, ['template', 'otlp', chart, '-f', valuesFile(values)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(key);
  });

  it('accepts the defaults', () => {
    expect(runHelm(bin, ['template', 'otlp', chart]).code).toBe(0);
  });
});

describe('template-level guards (what a JSON Schema cannot express)', () => {
  it('refuses maxReplicas below minReplicas', () => {
    const r = runHelm(helm4, [
      'template',
      'otlp',
      chart,
      '--set',
      'autoscaling.minReplicas=5,autoscaling.maxReplicas=2',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('autoscaling.maxReplicas must be at least autoscaling.minReplicas');
  });

  it('refuses a VPA acting on resources next to an HPA on memory only, via the template fail', () => {
    const r = runHelm(helm4, [
      'template',
      'otlp',
      chart,
      '--api-versions',
      'autoscaling.k8s.io/v1/VerticalPodAutoscaler',
      '--set',
      'autoscaling.targetCPUUtilizationPercentage=0,verticalPodAutoscaler.enabled=true,verticalPodAutoscaler.updateMode=Initial',
      '--skip-schema-validation',
    ]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('verticalPodAutoscaler.updateMode must be "Off"');
  });
});
