import { lint, restrictedPod, ruleIds, toYaml } from '../helpers';

/**
 * Cases the outside corpora (kube-linter's and Polaris' fixtures) found wrong, written as our own
 * fixtures: each failed before its fix.
 */
const rbacRole = (kind: string, name: string, rules: object[]) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name, ...(kind === 'Role' ? { namespace: 'ns' } : {}) },
  rules,
});
const bindingTo = (roleKind: string, roleName: string, kind = 'ClusterRoleBinding') => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: {
    name: `to-${roleName.replace(/:/g, '-')}`,
    ...(kind === 'RoleBinding' ? { namespace: 'ns' } : {}),
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: 'app', namespace: 'ns' }],
});
const rbacIds = (...objects: object[]) => ruleIds(lint(toYaml(...objects), { only: ['rbac'] }));

describe('rbac-secrets-access', () => {
  it('is quiet for a rule limited with resourceNames, the fix its message recommends', () => {
    const limited = rbacRole('Role', 'r', [
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['tls'], verbs: ['get'] },
    ]);
    expect(rbacIds(limited)).not.toContain('rbac-secrets-access');
    const open = rbacRole('Role', 'r', [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
    expect(rbacIds(open)).toContain('rbac-secrets-access');
  });
});

describe('rbac-pod-exec', () => {
  it.each(['admin', 'edit', 'cluster-admin', 'system:aggregate-to-edit'])(
    "exempts Kubernetes' built-in ClusterRole %s and its bindings",
    (name) => {
      const role = rbacRole('ClusterRole', name, [
        { apiGroups: [''], resources: ['pods/exec', 'pods/attach'], verbs: ['create', 'get'] },
      ]);
      expect(rbacIds(role, bindingTo('ClusterRole', name))).not.toContain('rbac-pod-exec');
    },
  );

  it('still reports a role of your own granting exec', () => {
    const role = rbacRole('ClusterRole', 'debugger', [
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    ]);
    expect(rbacIds(role)).toContain('rbac-pod-exec');
  });
});

describe('rbac-cluster-admin-binding', () => {
  it('catches cluster-admin under another name: a ClusterRole with every verb on every resource', () => {
    const everything = rbacRole('ClusterRole', 'ops-superuser', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    ]);
    const findings = lint(toYaml(everything, bindingTo('ClusterRole', 'ops-superuser')), { only: ['rbac'] });
    const f = findings.find((x) => x.ruleId === 'rbac-cluster-admin-binding');
    expect(f?.message).toContain('cluster-admin under another name');
    const narrower = rbacRole('ClusterRole', 'reader', [
      { apiGroups: ['*'], resources: ['*'], verbs: ['get'] },
    ]);
    expect(rbacIds(narrower, bindingTo('ClusterRole', 'reader'))).not.toContain('rbac-cluster-admin-binding');
  });
});

describe('rbac-automount-token', () => {
  const serviceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'app', namespace: 'ns' },
  };
  const podWith = (automount: boolean | undefined) => {
    const pod = restrictedPod();
    pod.spec.serviceAccountName = 'app';
    if (automount !== undefined) pod.spec.automountServiceAccountToken = automount;
    return pod;
  };

  it('is quiet for a ServiceAccount whose only pod opts out of the token', () => {
    expect(rbacIds(serviceAccount, podWith(false))).not.toContain('rbac-automount-token');
  });

  it('still reports it when one of its pods mounts the token', () => {
    expect(
      rbacIds(serviceAccount, podWith(false), {
        ...podWith(undefined),
        metadata: { name: 'q', namespace: 'ns' },
      }),
    ).toContain('rbac-automount-token');
  });
});

describe('hardening-probe-port', () => {
  const podWithPorts = (ports: object[], probe: object) => {
    const pod = restrictedPod();
    Object.assign(pod.spec.containers[0], { ports, livenessProbe: probe, readinessProbe: probe });
    return pod;
  };
  const probeFindings = (pod: object) =>
    lint(toYaml(pod), { only: ['hardening'] }).filter((f) => f.ruleId === 'hardening-probe-port');

  it('reports a tcpSocket probe aimed at a port declared only as UDP', () => {
    const findings = probeFindings(
      podWithPorts([{ name: 'dns', containerPort: 53, protocol: 'UDP' }], { tcpSocket: { port: 'dns' } }),
    );
    expect(findings).toHaveLength(2);
    expect(findings[0].message).toContain('declares only as UDP');
  });

  it('accepts the port declared for TCP too', () => {
    const ports = [
      { name: 'dns', containerPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
    ];
    expect(probeFindings(podWithPorts(ports, { tcpSocket: { port: 53 } }))).toEqual([]);
  });
});

describe('input-unknown-ignore-rule', () => {
  it('reports a misspelt rule id in the ignore annotation, at the annotation', () => {
    const pod = restrictedPod();
    pod.metadata.annotations = {
      'policy-lint.io/ignore': 'hardening-probes,hardening-resorces: sidecar-free test pod',
    };
    const findings = lint(toYaml(pod));
    const unknown = findings.filter((f) => f.ruleId === 'input-unknown-ignore-rule');
    expect(unknown.map((f) => f.message)).toEqual([
      'policy-lint.io/ignore names "hardening-resorces", which is no rule: it suppresses nothing',
    ]);
    expect(unknown[0].line).toBe(7);
    expect(findings.find((f) => f.ruleId === 'hardening-probes')?.suppressed).toBe(true);
  });
});
