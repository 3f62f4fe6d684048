import { parseManifests } from '../../src/input/parse';
import { lint } from '../helpers';

describe('parseManifests', () => {
  it('reads multi-document YAML and List items, with their positions', () => {
    const text = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a}',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Secret',
      '    metadata:',
      '      name: b',
      '      namespace: x',
      '',
    ].join('\n');
    const { objects, problems } = parseManifests(text, 'f.yaml');
    expect(problems).toEqual([]);
    expect(objects.map((o) => `${o.kind}/${o.namespace ?? '-'}/${o.name}`)).toEqual([
      'ConfigMap/-/a',
      'Secret/x/b',
    ]);
    expect(objects[1].basePath).toEqual(['items', 0]);
    expect(objects[1].locate(['metadata', 'name'])).toEqual({ file: 'f.yaml', line: 11, column: 13 });
    // A missing field points at its nearest existing parent.
    expect(objects[1].locate(['metadata', 'labels', 'x'])).toEqual({ file: 'f.yaml', line: 10, column: 5 });
  });

  it('reads JSON', () => {
    const { objects } = parseManifests('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}', 'p.json');
    expect(objects[0].name).toBe('p');
  });

  it("attributes documents to the template named by Helm's # Source: comment", () => {
    const text = [
      '---',
      '# Source: mychart/templates/sa.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      '  name: sa',
      '---',
      '# Source: mychart/templates/pod.yaml',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: p',
      'spec:',
      '  containers:',
      '    - name: c',
      '      image: x:1',
      '      securityContext:',
      '        privileged: true',
      '',
    ].join('\n');
    const { objects } = parseManifests(text, 'rendered.yaml', { sourceRoot: 'charts' });
    expect(objects[1].locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({
      file: 'charts/mychart/templates/pod.yaml',
      line: 10,
      column: 21,
    });
    const f = lint(text).find((x) => x.ruleId === 'pss-privileged');
    expect(f).toMatchObject({ file: 'mychart/templates/pod.yaml', line: 10, kind: 'Pod', name: 'p' });
  });

  it('turns syntax errors into findings with file and line, and keeps the other documents', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: [unclosed\n';
    const { objects, problems } = parseManifests(text, 'bad.yaml');
    expect(objects).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'input-parse-error', location: { file: 'bad.yaml' } });
    // The parser notices the unclosed flow sequence at the end of the document.
    expect(problems[0].location.line).toBeGreaterThanOrEqual(6);
    const findings = lint(text, {}, 'bad.yaml');
    expect(findings.find((f) => f.ruleId === 'input-parse-error')).toMatchObject({
      severity: 'error',
      file: 'bad.yaml',
      line: problems[0].location.line,
    });
  });

  it('refuses duplicate keys', () => {
    const { problems } = parseManifests('apiVersion: v1\nkind: Pod\nkind: Pod\n', 'dup.yaml');
    expect(problems[0].ruleId).toBe('input-parse-error');
    expect(problems[0].location.line).toBe(3);
  });

  it('bounds alias bombs', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${bomb.join('\n  ')}\n`;
    const started = process.hrtime.bigint();
    const { objects, problems } = parseManifests(text, 'bomb.yaml');
    expect(objects).toHaveLength(0);
    expect(problems[0].ruleId).toBe('input-parse-error');
    expect(problems[0].message).toMatch(/alias/i);
    expect(Number(process.hrtime.bigint() - started)).toBeGreaterThan(0);
  });

  it('bounds file size and document count', () => {
    expect(
      parseManifests('a: b\n'.repeat(100), 'big.yaml', { limits: { maxFileBytes: 10 } }).problems[0].ruleId,
    ).toBe('input-too-large');
    const many = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n'.repeat(5);
    const r = parseManifests(many, 'many.yaml', { limits: { maxDocuments: 3 } });
    expect(r.objects).toHaveLength(3);
    expect(r.problems[0].ruleId).toBe('input-too-large');
  });

  it('reports documents that are not Kubernetes objects', () => {
    const { problems } = parseManifests('- a\n- b\n---\nkind: Pod\n---\napiVersion: v1\n', 'x.yaml');
    expect(problems.map((p) => [p.ruleId, p.message])).toEqual([
      ['input-invalid-object', 'document is not a mapping, so not a Kubernetes object'],
      ['input-invalid-object', 'object has no apiVersion'],
      ['input-invalid-object', 'object has no kind'],
    ]);
  });
});
