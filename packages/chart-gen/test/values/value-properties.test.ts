import Ajv from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import { configSchema } from '../../src/generate/chart-files';
import { crdApis } from '../../src/templates/context';
import { KubeSchemaValidator } from '../../src/validate/kube-schema';
import { chartValues } from '../../src/values/definition';
import type { ScalarNode, ValueNode } from '../../src/values/dsl';
import { freshChart, helm3, helm4, runHelm } from '../helpers';

/**
 * Properties over every value of the chart, generated from its one definition: no value renders
 * broken YAML or TOML. Each value set to null (Helm's "delete this key") is either refused by Helm
 * with a message naming the key, or renders no null field and a config.toml the agent accepts; each
 * scalar at its schema's boundaries, enum members and examples renders, when Helm accepts it,
 * objects Kubernetes' own schema accepts.
 */
const chart = freshChart();
const apis = Object.values(crdApis).flatMap((a) => ['--api-versions', a]);
const agentConfigValid = new Ajv({ allErrors: true, strict: false }).compile(configSchema());

function paths(node: ValueNode, prefix = ''): { path: string; node: ValueNode }[] {
  const here = prefix ? [{ path: prefix, node }] : [];
  if (node.kind !== 'object') return here;
  return [
    ...here,
    ...Object.entries(node.properties).flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k)),
  ];
}

type Manifest = { kind: string; data?: Record<string, string> };

/** Problems of a successful render: null fields, and a config.toml that does not parse or validate. */
function renderProblems(out: string): string[] {
  const problems: string[] = [];
  if (/:\s+null\s*$/m.test(out) || /=\s*null\s*$/m.test(out)) problems.push('a null field is rendered');
  for (const doc of parseAllDocuments(out)) {
    if (doc.errors.length) problems.push(`invalid YAML: ${doc.errors[0].message}`);
    const m = doc.toJS() as Manifest | null;
    const toml = m?.kind === 'ConfigMap' ? m.data?.['config.toml'] : undefined;
    if (toml === undefined) continue;
    try {
      if (!agentConfigValid(parseToml(toml)))
        problems.push(`config.toml: ${JSON.stringify(agentConfigValid.errors)}`);
    } catch (err) {
      problems.push(`config.toml does not parse: ${(err as Error).message}`);
    }
  }
  return problems;
}

describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s: every value set to null', (_name, bin) => {
  it.each(paths(chartValues).map((p) => [p.path]))('%s', (path) => {
    const r = runHelm(bin, ['template', 'otlp', chart, ...apis, '--set', `${path}=null`]);
    if (r.code !== 0) {
      // Refused: the message names the key that went missing.
      expect(r.stderr).toContain(path.split('.').pop() as string);
    } else {
      expect(renderProblems(r.stdout)).toEqual([]);
    }
  });
});

/** Values at a scalar's edges: its enum, bounds, examples and default. */
function edgeValues(node: ScalarNode): unknown[] {
  const s = node.schema as { enum?: unknown[]; minimum?: number; maximum?: number; type?: unknown };
  const values: unknown[] = [node.default, ...(s.enum ?? []), ...(node.examples ?? [])];
  if (s.minimum !== undefined) values.push(s.minimum);
  if (s.maximum !== undefined) values.push(s.maximum);
  if (s.type === 'boolean') values.push(!node.default);
  return [...new Map(values.map((v) => [JSON.stringify(v), v])).values()].filter(
    (v) => typeof v !== 'string' || !v.includes('…'),
  );
}

describe('every scalar at its edges renders objects Kubernetes accepts', () => {
  let kube: KubeSchemaValidator;
  beforeAll(async () => {
    kube = await KubeSchemaValidator.create('1.34');
  });
  const cases = paths(chartValues)
    .filter((p): p is { path: string; node: ScalarNode } => p.node.kind === 'scalar')
    .flatMap((p) => edgeValues(p.node).map((v) => [p.path, JSON.stringify(v)]));

  it.each(cases)('%s = %s', (path, json) => {
    const r = runHelm(helm4, ['template', 'otlp', chart, ...apis, '--set-json', `${path}=${json}`]);
    if (r.code !== 0) {
      // A combination the chart refuses (a template guard or a cross-field rule) must say why.
      expect(r.stderr).toMatch(/Error: /);
      return;
    }
    expect(renderProblems(r.stdout)).toEqual([]);
    const problems = parseAllDocuments(r.stdout)
      .map((d) => d.toJS() as Record<string, unknown> | null)
      .filter((o): o is Record<string, unknown> => o !== null)
      .flatMap((o) => kube.validate(o as never).map((p) => `${p.kind}/${p.name} ${p.path}: ${p.message}`));
    expect(problems).toEqual([]);
  });
});
