import { lint, restrictedPod } from '../helpers';
import { stringify } from 'yaml';

const configMap = (name: string) => stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('YAML streams as the spec allows them', () => {
  it('a %YAML directive before the first document is no parse error', () => {
    const findings = lint(`%YAML 1.2\n---\n${configMap('a')}`);
    expect(findings.filter((f) => f.ruleId.startsWith('input-'))).toEqual([]);
  });

  it('"..." ends a document and the next may follow without "---"; every document is read', () => {
    const text = `${configMap('a')}...\n${configMap('b')}...\n---\n${configMap('c')}`;
    const findings = lint(text);
    expect(findings.filter((f) => f.ruleId.startsWith('input-'))).toEqual([]);
    const second = `${configMap('a')}...\n${stringify({ ...restrictedPod(), spec: { ...restrictedPod().spec, hostNetwork: true } })}`;
    // Located in the second document, at its own line in the file.
    const hostLine = second.split('\n').findIndex((l) => l.includes('hostNetwork')) + 1;
    expect(lint(second).find((f) => f.ruleId === 'pss-host-namespaces')?.line).toBe(hostLine);
  });
});

describe('locations in flow-style and JSON manifests', () => {
  it('a pretty-printed JSON Pod reports each finding at its field, not at 1:1', () => {
    const pod = restrictedPod();
    pod.spec.containers[0].securityContext.privileged = true;
    const text = JSON.stringify(pod, null, 2);
    const privileged = lint(text, {}, 'pod.json').find((f) => f.ruleId === 'pss-privileged');
    const expectedLine = text.split('\n').findIndex((l) => l.includes('"privileged"')) + 1;
    expect([privileged?.line, privileged?.column]).toEqual([expectedLine, expect.any(Number)]);
    expect(expectedLine).toBeGreaterThan(1);
  });

  it('a flow-style root mapping in YAML too', () => {
    const text =
      '{apiVersion: v1, kind: Pod, metadata: {name: p, namespace: ns},\n spec: {hostNetwork: true, containers: [{name: c, image: "i:1"}]}}\n';
    const host = lint(text).find((f) => f.ruleId === 'pss-host-namespaces');
    expect(host?.line).toBe(2);
  });
});
