import { stringify } from 'yaml';
import { locateInBlockYaml } from '../../src/input/block-locator';
import { PositionIndex } from '../../src/input/positions';
import type { FieldPath } from '../../src/model/types';

/** Every path to a node of a value, plus some paths to fields that do not exist. */
function paths(value: unknown, prefix: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [prefix, [...prefix, 'missingField'], [...prefix, 7]];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'd',
    labels: { 'app.kubernetes.io/name': 'x', 'a:b': 'quoted key' },
    annotations: { note: 'line one\nline two\n  indented: not a key\n' },
  },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          {
            name: 'a',
            image: 'x:1',
            args: ['--one', '--two'],
            ports: [{ containerPort: 80, name: 'http' }],
            securityContext: { capabilities: { drop: ['ALL'] } },
          },
          { name: 'b', image: 'y:2', env: [{ name: 'E', value: '' }], resources: {} },
        ],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    },
  },
};

describe('locateInBlockYaml', () => {
  it.each([
    ['yaml library layout', stringify(deployment)],
    ['indented sequences', stringify(deployment, { indentSeq: true })],
    [
      'compact sequences with comments and a document marker',
      '---\n# leading comment\n' +
        stringify(deployment, { indentSeq: false }).replace(
          /^(\s+)replicas: 3$/m,
          '$1# about replicas\n$1replicas: 3',
        ),
    ],
  ])('agrees with the full parser on every path (%s)', (_name, text) => {
    const index = new PositionIndex(text);
    let checked = 0;
    for (const path of paths(deployment)) {
      const fast = locateInBlockYaml(text, path);
      if (fast === undefined) continue;
      expect([path, fast]).toEqual([path, index.offsetOf(path)]);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('gives up on flow collections so the caller uses the parser', () => {
    const text = 'metadata: {name: x, labels: {a: b}}\nspec:\n  x: 1\n';
    expect(locateInBlockYaml(text, ['metadata', 'labels', 'a'])).toBeUndefined();
    expect(locateInBlockYaml(text, ['spec', 'x'])).toBe(text.indexOf('1'));
  });
});
