import { lint, ruleIds, toYaml } from '../helpers';

const workload = (
  labels: Record<string, string>,
  ports: object[] = [
    { containerPort: 4317, name: 'grpc' },
    { containerPort: 8080, name: 'http' },
  ],
  ns = 'ns',
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'w', namespace: ns },
  spec: {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'x:1', ports }] } },
  },
});
const policy = (name: string, spec: object, ns = 'ns') => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name, namespace: ns },
  spec,
});
const dns = {
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};
const fromMonitoring = [
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
];
const good = policy('good', {
  podSelector: { matchLabels: { app: 'a' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    { from: fromMonitoring, ports: [{ port: 'http' }] },
    { from: [{ podSelector: {} }], ports: [{ port: 4317 }] },
  ],
  egress: [dns],
});
const netpol = (...objects: object[]) => ruleIds(lint(toYaml(...objects), { only: ['netpol'] }));
const messages = (...objects: object[]) =>
  lint(toYaml(...objects), { only: ['netpol'] }).map((f) => `${f.ruleId}: ${f.message}`);

describe('NetworkPolicy rules', () => {
  it('a well-scoped policy passes', () => {
    expect(messages(workload({ app: 'a' }), good)).toEqual([]);
  });

  it('judges ingress and egress isolation separately, with policyTypes defaulting', () => {
    expect(netpol(workload({ app: 'a' }))).toEqual([
      'netpol-egress-not-isolated',
      'netpol-ingress-not-isolated',
    ]);
    // No policyTypes and no egress rules: isolates ingress only.
    const ingressOnly = policy('i', { podSelector: {}, ingress: [{ from: fromMonitoring }] });
    expect(netpol(workload({ app: 'a' }), ingressOnly)).toEqual(['netpol-egress-not-isolated']);
    // No policyTypes but egress rules: isolates both.
    const both = policy('b', { podSelector: {}, ingress: [{ from: fromMonitoring }], egress: [dns] });
    expect(netpol(workload({ app: 'a' }), both)).toEqual([]);
    // A policy in another namespace does not count.
    expect(
      netpol(workload({ app: 'a' }), { ...good, metadata: { name: 'good', namespace: 'other' } }),
    ).toContain('netpol-ingress-not-isolated');
  });

  it('matchExpressions selectors', () => {
    const p = policy('e', {
      podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] },
      policyTypes: ['Ingress', 'Egress'],
      egress: [dns],
    });
    expect(netpol(workload({ app: 'b' }), p)).toEqual([]);
    expect(netpol(workload({ app: 'c' }), p)).toEqual([
      'netpol-dangling-policy',
      'netpol-egress-not-isolated',
      'netpol-ingress-not-isolated',
    ]);
  });

  it('namespaces in the input need default-deny for both directions', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } };
    expect(netpol(ns)).toEqual(['netpol-namespace-default-deny']);
    const denyIngress = policy('deny', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(messages(ns, denyIngress)).toEqual([
      'netpol-namespace-default-deny: Namespace "ns" has no default-deny NetworkPolicy for egress',
    ]);
    const denyAll = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(netpol(ns, denyAll)).toEqual([]);
  });

  it('dangling policies and peers', () => {
    const p = policy('p', {
      podSelector: { matchLabels: { app: 'nothing' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'ghost' } } }] }],
    });
    expect(netpol(workload({ app: 'a' }), good, p)).toEqual([
      'netpol-dangling-peer',
      'netpol-dangling-policy',
    ]);
    // A peer with a namespaceSelector may select pods elsewhere: not judged.
    const q = policy('q', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { x: 'y' } },
              podSelector: { matchLabels: { role: 'ghost' } },
            },
          ],
        },
      ],
    });
    expect(netpol(workload({ app: 'a' }), good, q)).toEqual([]);
  });

  it('over-broad rules', () => {
    const cases: [object, string][] = [
      [{ ingress: [{ ports: [{ port: 4317 }] }] }, 'has no "from"'],
      [{ ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }, 'ipBlock 0.0.0.0/0'],
      [{ ingress: [{ from: [{ namespaceSelector: {} }] }] }, 'namespaceSelector: {}'],
      [{ egress: [{ to: [{ ipBlock: { cidr: '::/0' } }] }, dns], policyTypes: ['Egress'] }, 'ipBlock ::/0'],
    ];
    for (const [spec, text] of cases) {
      const found = lint(
        toYaml(
          workload({ app: 'a' }),
          good,
          policy('x', { podSelector: { matchLabels: { app: 'a' } }, ...spec }),
        ),
        { only: ['netpol'] },
      );
      expect(found.map((f) => f.ruleId)).toEqual(['netpol-overbroad-rule']);
      expect(found[0].message).toContain(text);
    }
    const narrowed = policy('n', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'a' } } }] }],
    });
    expect(netpol(workload({ app: 'a' }), good, narrowed)).toEqual([]);
  });

  it('egress-restricted pods need DNS on UDP and TCP 53', () => {
    const udpOnly = policy('u', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: dns.to, ports: [{ protocol: 'UDP', port: 53 }] }],
    });
    expect(
      messages(workload({ app: 'a' }), udpOnly).filter((m) => m.startsWith('netpol-missing-dns')),
    ).toEqual([
      'netpol-missing-dns-egress: pods of Deployment "w" are egress-restricted by "u" without DNS on TCP 53',
    ]);
    const noEgress = policy('n', { podSelector: {}, policyTypes: ['Egress'] });
    expect(messages(workload({ app: 'a' }), noEgress)).toContain(
      'netpol-missing-dns-egress: pods of Deployment "w" are egress-restricted by "n" without DNS on UDP and TCP 53',
    );
    // A rule without ports allows every port, DNS included.
    const allPorts = policy('a', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: dns.to }] });
    expect(netpol(workload({ app: 'a' }), allPorts)).not.toContain('netpol-missing-dns-egress');
    // DNS from another policy selecting the same pods counts.
    const other = policy('d', { podSelector: {}, policyTypes: ['Egress'], egress: [dns] });
    expect(netpol(workload({ app: 'a' }), udpOnly, other)).not.toContain('netpol-missing-dns-egress');
  });

  it('ingress ports the selected pods do not expose, numeric and named', () => {
    const bad = policy('bad', {
      podSelector: { matchLabels: { app: 'a' } },
      ingress: [
        {
          from: fromMonitoring,
          ports: [
            { port: 9090 },
            { port: 'metrics' },
            { port: 'grpc' },
            { port: 4317, protocol: 'UDP' },
            { port: 4000, endPort: 5000 },
          ],
        },
      ],
    });
    const found = lint(toYaml(workload({ app: 'a' }), good, bad), { only: ['netpol'] }).filter(
      (f) => f.ruleId === 'netpol-port-not-exposed',
    );
    expect(found.map((f) => f.message)).toEqual([
      'ingress rule 0 of NetworkPolicy "bad" allows TCP/9090, which no selected pod exposes',
      'ingress rule 0 of NetworkPolicy "bad" allows TCP/metrics, which no selected pod exposes',
      'ingress rule 0 of NetworkPolicy "bad" allows UDP/4317, which no selected pod exposes',
    ]);
    expect(found[0].path).toBe('spec.ingress[0].ports[0]');
  });

  it('Service target ports that the isolating policies never allow', () => {
    const svc = (ports: object[]) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'ns' },
      spec: { selector: { app: 'a' }, ports },
    });
    const grpcOnly = policy('g', {
      podSelector: { matchLabels: { app: 'a' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: fromMonitoring, ports: [{ port: 'grpc' }] }],
    });
    const found = lint(
      toYaml(
        workload({ app: 'a' }),
        grpcOnly,
        svc([
          { name: 'otlp', port: 4317, targetPort: 'grpc' },
          { name: 'web', port: 80, targetPort: 8080 },
        ]),
      ),
      { only: ['netpol'] },
    ).filter((f) => f.ruleId === 'netpol-service-port-blocked');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('port web targets TCP/8080 (http)');
    expect(found[0].path).toBe('spec.ports[1]');
    // targetPort defaults to port.
    const found2 = lint(toYaml(workload({ app: 'a' }), grpcOnly, svc([{ name: 'x', port: 8080 }])), {
      only: ['netpol'],
    }).filter((f) => f.ruleId === 'netpol-service-port-blocked');
    expect(found2).toHaveLength(1);
    // Not isolated at all: nothing blocks.
    expect(netpol(workload({ app: 'a' }), svc([{ port: 8080 }]))).not.toContain(
      'netpol-service-port-blocked',
    );
  });
});
