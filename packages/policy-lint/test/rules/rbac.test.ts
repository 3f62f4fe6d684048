import { lint, ruleIds, toYaml } from '../helpers';

const role = (rules: object[], kind = 'Role', name = 'r', extra: object = {}) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(kind === 'Role' ? { namespace: 'ns' } : {}) },
  rules,
  ...extra,
});
const binding = (
  roleKind: string,
  roleName: string,
  subjects: object[],
  kind = 'RoleBinding',
  name = 'b',
) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(kind === 'RoleBinding' ? { namespace: 'ns' } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects,
});
const sa = (name = 'app', ns = 'ns') => ({ kind: 'ServiceAccount', name, namespace: ns });
const rbac = (...objects: object[]) =>
  ruleIds(
    lint(toYaml(...objects), { only: ['rbac'] }).filter(
      (f) => !['rbac-automount-token', 'rbac-default-service-account'].includes(f.ruleId),
    ),
  );

describe('RBAC rules', () => {
  const harmless = { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] };

  it('a narrow Role passes', () => {
    expect(rbac(role([harmless]), binding('Role', 'r', [sa()]))).toEqual([]);
  });

  const cases: [string, object, string[]][] = [
    ['wildcard verbs', { apiGroups: [''], resources: ['configmaps'], verbs: ['*'] }, ['rbac-wildcard']],
    [
      'wildcard apiGroups',
      { apiGroups: ['*'], resources: ['configmaps'], verbs: ['get'] },
      ['rbac-wildcard'],
    ],
    [
      'wildcard resources (implies secrets, pods, exec...)',
      { apiGroups: [''], resources: ['*'], verbs: ['get'] },
      ['rbac-nodes-proxy', 'rbac-pod-exec', 'rbac-secrets-access', 'rbac-wildcard'],
    ],
    ['secrets list', { apiGroups: [''], resources: ['secrets'], verbs: ['list'] }, ['rbac-secrets-access']],
    [
      'secrets in another group is not core secrets',
      { apiGroups: ['example.com'], resources: ['secrets'], verbs: ['list'] },
      [],
    ],
    ['create pods', { apiGroups: [''], resources: ['pods'], verbs: ['create'] }, ['rbac-create-workloads']],
    [
      'create deployments',
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'get'] },
      ['rbac-create-workloads'],
    ],
    ['get pods is fine', { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }, []],
    ['pods/exec', { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }, ['rbac-pod-exec']],
    ['pods/* covers exec', { apiGroups: [''], resources: ['pods/*'], verbs: ['get'] }, ['rbac-pod-exec']],
    [
      'pods/portforward',
      { apiGroups: [''], resources: ['pods/portforward'], verbs: ['create'] },
      ['rbac-pod-exec'],
    ],
    [
      'escalate on roles',
      { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles'], verbs: ['escalate'] },
      ['rbac-escalation-verbs'],
    ],
    [
      'impersonate users',
      { apiGroups: [''], resources: ['users'], verbs: ['impersonate'] },
      ['rbac-escalation-verbs'],
    ],
    ['nodes/proxy', { apiGroups: [''], resources: ['nodes/proxy'], verbs: ['get'] }, ['rbac-nodes-proxy']],
    [
      'webhook write',
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: ['mutatingwebhookconfigurations'],
        verbs: ['patch'],
      },
      ['rbac-webhook-config-write'],
    ],
    [
      'webhook read is fine',
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: ['validatingwebhookconfigurations'],
        verbs: ['get'],
      },
      [],
    ],
  ];
  it.each(cases)('%s', (_n, rule, expected) => {
    expect(rbac(role([rule]), binding('Role', 'r', [sa()]))).toEqual(expected);
  });

  it('CSR approval needs both the approval subresource and approve on signers', () => {
    const approval = {
      apiGroups: ['certificates.k8s.io'],
      resources: ['certificatesigningrequests/approval'],
      verbs: ['update'],
    };
    const signers = { apiGroups: ['certificates.k8s.io'], resources: ['signers'], verbs: ['approve'] };
    expect(rbac(role([approval]), binding('Role', 'r', [sa()]))).toEqual([]);
    expect(
      rbac(
        role([approval, signers], 'ClusterRole'),
        binding('ClusterRole', 'r', [sa()], 'ClusterRoleBinding'),
      ),
    ).toEqual(['rbac-csr-approval']);
  });

  it('cluster-admin bindings', () => {
    expect(rbac(binding('ClusterRole', 'cluster-admin', [sa()], 'ClusterRoleBinding'))).toEqual([
      'rbac-cluster-admin-binding',
    ]);
    expect(rbac(binding('ClusterRole', 'cluster-admin', [sa()]))).toEqual(['rbac-cluster-admin-binding']);
    expect(rbac(binding('ClusterRole', 'view', [sa()]))).toEqual([]);
  });

  it.each(['system:anonymous', 'system:unauthenticated', 'system:authenticated', 'system:masters'])(
    'subject %s',
    (name) => {
      const found = rbac(
        role([harmless]),
        binding('Role', 'r', [{ kind: 'Group', name, apiGroup: 'rbac.authorization.k8s.io' }]),
      );
      expect(found).toEqual(['rbac-system-group-subject']);
    },
  );

  it('a ClusterRole of namespaced resources used by one namespace should be a Role', () => {
    const cr = role([harmless], 'ClusterRole', 'reader');
    expect(rbac(cr, binding('ClusterRole', 'reader', [sa()], 'ClusterRoleBinding'))).toEqual([
      'rbac-prefer-namespaced-role',
    ]);
    expect(rbac(cr, binding('ClusterRole', 'reader', [sa()]))).toEqual(['rbac-prefer-namespaced-role']);
    expect(
      rbac(cr, binding('ClusterRole', 'reader', [sa('a', 'one'), sa('b', 'two')], 'ClusterRoleBinding')),
    ).toEqual([]);
    const nodes = role([{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }], 'ClusterRole', 'reader');
    expect(rbac(nodes, binding('ClusterRole', 'reader', [sa()], 'ClusterRoleBinding'))).toEqual([]);
    expect(rbac(cr)).toEqual([]);
  });

  it('bindings to roles absent from the input', () => {
    expect(rbac(binding('Role', 'ghost', [sa()]))).toEqual(['rbac-missing-role']);
    expect(rbac(binding('ClusterRole', 'ghost', [sa()], 'ClusterRoleBinding'))).toEqual([
      'rbac-missing-role',
    ]);
    expect(rbac(binding('ClusterRole', 'system:auth-delegator', [sa()], 'ClusterRoleBinding'))).toEqual([]);
    // A Role in another namespace does not satisfy a RoleBinding.
    const other = { ...role([harmless]), metadata: { name: 'r', namespace: 'elsewhere' } };
    expect(rbac(other, binding('Role', 'r', [sa()]))).toEqual(['rbac-missing-role']);
  });
});

describe('ServiceAccount rules', () => {
  const pod = (spec: object) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns' },
    spec: { containers: [{ name: 'c', image: 'x:1' }], ...spec },
  });
  const account = (name: string, extra: object = {}) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace: 'ns' },
    ...extra,
  });
  const ids = (...objects: object[]) => ruleIds(lint(toYaml(...objects), { only: ['rbac'] }));

  it('the default ServiceAccount, used or bound', () => {
    expect(ids(pod({ automountServiceAccountToken: false }))).toEqual(['rbac-default-service-account']);
    expect(ids(pod({ serviceAccountName: 'default', automountServiceAccountToken: false }))).toEqual([
      'rbac-default-service-account',
    ]);
    expect(
      ids(
        role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
        binding('Role', 'r', [sa('default')]),
      ),
    ).toEqual(['rbac-default-service-account']);
  });

  it('token automount where nothing needs it', () => {
    expect(
      ids(pod({ serviceAccountName: 'app' }), account('app', { automountServiceAccountToken: false })),
    ).toEqual([]);
    expect(ids(pod({ serviceAccountName: 'app' }), account('app'))).toEqual(['rbac-automount-token']);
    expect(
      ids(
        pod({ serviceAccountName: 'app', automountServiceAccountToken: false }),
        account('app', { automountServiceAccountToken: false }),
      ),
    ).toEqual([]);
    // The pod's explicit true wins over the ServiceAccount's false.
    expect(
      ids(
        pod({ serviceAccountName: 'app', automountServiceAccountToken: true }),
        account('app', { automountServiceAccountToken: false }),
      ),
    ).toEqual(['rbac-automount-token']);
    // A bound ServiceAccount needs its token.
    expect(
      ids(
        pod({ serviceAccountName: 'app' }),
        account('app'),
        role([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]),
        binding('Role', 'r', [sa('app')]),
      ),
    ).toEqual([]);
  });
});
