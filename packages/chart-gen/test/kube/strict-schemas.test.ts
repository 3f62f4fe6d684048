import Ajv from 'ajv';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubeSchemasCommand } from '../../src/commands/kube-schemas';
import { kubernetesReleases } from '../../src/kube/kubernetes-releases';
import { kubeSchemaFile, loadStrictSchemas } from '../../src/kube/schema-files';
import { renderStrictSchemas, strictSchemas } from '../../src/kube/strict-schemas';

/** A swagger.json in miniature, with each construct the generator has a rule for. */
const swagger = {
  swagger: '2.0',
  definitions: {
    'io.example.v1.Widget': {
      description: 'A widget.',
      'x-kubernetes-group-version-kind': [{ group: 'example.io', version: 'v1', kind: 'Widget' }],
      required: ['spec'],
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: { $ref: '#/definitions/io.example.v1.WidgetSpec' },
      },
    },
    'io.example.v1.WidgetSpec': {
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        port: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
        memory: { $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { a: { type: 'string' } },
        },
        items: {
          type: 'array',
          items: { properties: { name: { type: 'string' } } },
          'x-kubernetes-list-type': 'map',
        },
      },
    },
    'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { type: 'string', format: 'int-or-string' },
    'io.k8s.apimachinery.pkg.api.resource.Quantity': { type: 'string' },
  },
};

function validatorFor(text: string) {
  const schemas = strictSchemas(text, 'v1.99.0', 'a test');
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema({ $id: 'k', definitions: schemas.definitions });
  return {
    schemas,
    validate: ajv.compile({ $ref: `k#/definitions/${schemas.kinds['example.io/v1/Widget']}` }),
  };
}

describe('strictSchemas: Kubernetes OpenAPI (Swagger 2) to strict JSON Schema', () => {
  const { schemas, validate } = validatorFor(JSON.stringify(swagger));

  it('indexes the kinds by apiVersion/kind and records its source', () => {
    expect(schemas.kinds).toEqual({ 'example.io/v1/Widget': 'io.example.v1.Widget' });
    expect(schemas.source).toMatch(/^[0-9a-f]{64}$/);
    expect(schemas.$comment).toContain('Do not edit by hand');
    expect(JSON.stringify(schemas.definitions)).not.toContain('description');
  });

  it.each([
    ['a valid widget', { spec: { replicas: 2, port: 'http', memory: 1 } }, true],
    ['IntOrString as an integer', { spec: { port: 8080 } }, true],
    ['a Quantity as a string', { spec: { memory: '128Mi' } }, true],
    ['an unknown field', { spec: { replica: 2 } }, false],
    ['an unknown field in a list item', { spec: { items: [{ nme: 'x' }] } }, false],
    ['a map of strings', { spec: { labels: { a: 'b' } } }, true],
    ['a map with a number', { spec: { labels: { a: 1 } } }, false],
    ['anything under preserve-unknown-fields', { spec: { raw: { b: { c: 1 } } } }, true],
    ['an int32 out of range', { spec: { replicas: 2 ** 31 } }, false],
    ['IntOrString as a boolean', { spec: { port: true } }, false],
    ['no spec (required)', {}, false],
  ])('%s', (_what, object, ok) => {
    expect(validate({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: {}, ...object })).toBe(ok);
  });

  it('renders one definition per line and parses back to the same document', () => {
    const text = renderStrictSchemas(schemas);
    expect(JSON.parse(text)).toEqual(schemas);
    expect(text.split('\n').filter((l) => l.startsWith('    "io.example')).length).toBe(2);
  });
});

describe('the committed schemas', () => {
  it.each(Object.keys(kubernetesReleases))(
    'kubernetes-%s.json covers the kinds the chart renders',
    (minor) => {
      const schemas = loadStrictSchemas(minor);
      expect(schemas.kubernetes).toBe(kubernetesReleases[minor]);
      for (const kind of [
        'apps/v1/Deployment',
        'apps/v1/DaemonSet',
        'v1/Service',
        'autoscaling/v2/HorizontalPodAutoscaler',
        'networking.k8s.io/v1/NetworkPolicy',
        'networking.k8s.io/v1/Ingress',
        'policy/v1/PodDisruptionBudget',
        'rbac.authorization.k8s.io/v1/ClusterRole',
      ])
        expect([kind, typeof schemas.kinds[kind]]).toEqual([kind, 'string']);
    },
  );
});

describe('chart-gen kube-schemas', () => {
  it('--check reports a file that differs from its source and writes nothing; without --check it would rewrite it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-schemas-'));
    try {
      const source = join(dir, 'swagger.json');
      writeFileSync(source, JSON.stringify(swagger));
      const lines: string[] = [];
      const code = kubeSchemasCommand({ check: true, out: (l) => lines.push(l) }, () => source);
      expect(code).toBe(1);
      expect(lines.join('')).toContain(
        `${kubeSchemaFile('1.34')} differs from what v1.34.4's OpenAPI document gives`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
