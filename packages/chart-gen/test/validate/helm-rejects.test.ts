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

describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s: the pod outlives the agent stop (preStop delay + shutdown grace)', (_name, bin) => {
  const template = (sets: string) => runHelm(bin, ['template', 'otlp', chart, '--set', sets]);

  it.each([
    ['terminationGracePeriodSeconds=25', '(25)'],
    ['config.lifecycle.shutdown_grace=1m', '5s + 1m'],
    ['config.lifecycle.pre_stop_delay=10s,config.lifecycle.shutdown_grace=20500ms', '10s + 20500ms'],
  ])('refuses %s', (sets, named) => {
    const r = template(sets);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('terminationGracePeriodSeconds');
    expect(r.stderr).toContain(named);
  });

  it.each([
    'terminationGracePeriodSeconds=26',
    'config.lifecycle.shutdown_grace=1m,terminationGracePeriodSeconds=70',
    'config.lifecycle.pre_stop_delay=0s,config.lifecycle.shutdown_grace=1m29s,terminationGracePeriodSeconds=90',
  ])('accepts %s and renders the preStop hook on the monitoring port', (sets) => {
    const r = template(sets);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/preStop:\n\s+httpGet:\n\s+path: \/prestop\n\s+port: http/);
  });
});
