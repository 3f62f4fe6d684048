import { only, lint, restrictedPod, ruleIds, toYaml } from '../helpers';
import { parsePssVersion } from '../../src/pss/version';
import type { PssLevel } from '../../src/pss/types';

type Pod = Record<string, any>;
const c0 = (p: Pod): Pod => p.spec.containers[0];
const csc = (p: Pod): Pod => c0(p).securityContext;

function pss(pod: Pod, level: PssLevel = 'restricted', version = 'latest'): string[] {
  return ruleIds(
    only(lint(toYaml(pod), { only: ['pss'], pss: { level, version: parsePssVersion(version) } }), 'pss-'),
  );
}

function mutated(fn: (p: Pod) => void): Pod {
  const p = restrictedPod();
  fn(p);
  return p;
}

describe('Pod Security Standards checks', () => {
  it('the reference pod passes restricted at every version and baseline', () => {
    for (let minor = 0; minor <= 40; minor++)
      expect(pss(restrictedPod(), 'restricted', `v1.${minor}`)).toEqual([]);
    expect(pss(restrictedPod(), 'baseline')).toEqual([]);
    expect(pss(restrictedPod(), 'privileged')).toEqual([]);
  });

  // [name, mutation, failing rule ids at restricted:latest, at baseline:latest]
  const cases: [string, (p: Pod) => void, string[], string[]][] = [
    ['privileged container', (p) => (csc(p).privileged = true), ['pss-privileged'], ['pss-privileged']],
    ['privileged false is fine', (p) => (csc(p).privileged = false), [], []],
    ['hostNetwork', (p) => (p.spec.hostNetwork = true), ['pss-host-namespaces'], ['pss-host-namespaces']],
    ['hostPID', (p) => (p.spec.hostPID = true), ['pss-host-namespaces'], ['pss-host-namespaces']],
    ['hostIPC false is fine', (p) => (p.spec.hostIPC = false), [], []],
    [
      'hostPath volume: restrictedVolumes overrides hostPathVolumes',
      (p) => (p.spec.volumes = [{ name: 'h', hostPath: { path: '/' } }]),
      ['pss-restricted-volumes'],
      ['pss-host-path-volumes'],
    ],
    [
      'nfs volume is only restricted',
      (p) => (p.spec.volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]),
      ['pss-restricted-volumes'],
      [],
    ],
    ['a volume with only a name is an emptyDir', (p) => (p.spec.volumes = [{ name: 'volume0' }]), [], []],
    [
      'allowed volume types',
      (p) =>
        (p.spec.volumes = [
          { name: 'a', configMap: { name: 'x' } },
          { name: 'b', projected: { sources: [] } },
          { name: 'c', ephemeral: {} },
          { name: 'd', image: { reference: 'x' } },
        ]),
      [],
      [],
    ],
    [
      'hostPort',
      (p) => (c0(p).ports = [{ containerPort: 80, hostPort: 8080 }]),
      ['pss-host-ports'],
      ['pss-host-ports'],
    ],
    ['hostPort 0 is fine', (p) => (c0(p).ports = [{ containerPort: 80, hostPort: 0 }]), [], []],
    [
      'baseline capability add is restricted-only failure',
      (p) => (csc(p).capabilities.add = ['CHOWN']),
      ['pss-capabilities-restricted'],
      [],
    ],
    [
      'SYS_ADMIN fails both',
      (p) => (csc(p).capabilities.add = ['SYS_ADMIN']),
      ['pss-capabilities-restricted'],
      ['pss-capabilities-baseline'],
    ],
    [
      'capability names are case-sensitive',
      (p) => (csc(p).capabilities.add = ['chown']),
      ['pss-capabilities-restricted'],
      ['pss-capabilities-baseline'],
    ],
    [
      'CAP_ prefix is not accepted',
      (p) => (csc(p).capabilities.add = ['CAP_CHOWN']),
      ['pss-capabilities-restricted'],
      ['pss-capabilities-baseline'],
    ],
    ['NET_BIND_SERVICE may be added', (p) => (csc(p).capabilities.add = ['NET_BIND_SERVICE']), [], []],
    [
      'drop must contain ALL exactly',
      (p) => (csc(p).capabilities.drop = ['all']),
      ['pss-capabilities-restricted'],
      [],
    ],
    [
      'AppArmor Unconfined field',
      (p) => (csc(p).appArmorProfile = { type: 'Unconfined' }),
      ['pss-app-armor-profile'],
      ['pss-app-armor-profile'],
    ],
    [
      'AppArmor pod field RuntimeDefault',
      (p) => (p.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' }),
      [],
      [],
    ],
    [
      'AppArmor unconfined annotation',
      (p) =>
        (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }),
      ['pss-app-armor-profile'],
      ['pss-app-armor-profile'],
    ],
    [
      'AppArmor localhost annotation',
      (p) =>
        (p.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/prof' }),
      [],
      [],
    ],
    [
      'SELinux custom type',
      (p) => (csc(p).seLinuxOptions = { type: 'spc_t' }),
      ['pss-se-linux-options'],
      ['pss-se-linux-options'],
    ],
    [
      'SELinux user',
      (p) => (p.spec.securityContext.seLinuxOptions = { user: 'root' }),
      ['pss-se-linux-options'],
      ['pss-se-linux-options'],
    ],
    [
      'SELinux level is free',
      (p) => (csc(p).seLinuxOptions = { level: 's0:c123,c456', type: 'container_t' }),
      [],
      [],
    ],
    [
      'procMount Unmasked',
      (p) => (csc(p).procMount = 'Unmasked'),
      ['pss-proc-mount-restricted'],
      ['pss-proc-mount'],
    ],
    [
      'procMount Unmasked with hostUsers false: baseline relaxes, restricted does not',
      (p) => {
        csc(p).procMount = 'Unmasked';
        p.spec.hostUsers = false;
      },
      ['pss-proc-mount-restricted'],
      [],
    ],
    [
      'seccomp Unconfined on container',
      (p) => (csc(p).seccompProfile = { type: 'Unconfined' }),
      ['pss-seccomp-profile-restricted'],
      ['pss-seccomp-profile-baseline'],
    ],
    [
      'seccomp missing everywhere',
      (p) => delete p.spec.securityContext.seccompProfile,
      ['pss-seccomp-profile-restricted'],
      [],
    ],
    [
      'seccomp on every container instead of the pod',
      (p) => {
        delete p.spec.securityContext.seccompProfile;
        csc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'x' };
      },
      [],
      [],
    ],
    [
      'unsafe sysctl',
      (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
      ['pss-sysctls'],
      ['pss-sysctls'],
    ],
    [
      'safe sysctl',
      (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]),
      [],
      [],
    ],
    [
      'Windows hostProcess',
      (p) => (csc(p).windowsOptions = { hostProcess: true }),
      ['pss-windows-host-process'],
      ['pss-windows-host-process'],
    ],
    [
      'probe host',
      (p) => (c0(p).livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } }),
      ['pss-host-probes-and-host-lifecycle'],
      ['pss-host-probes-and-host-lifecycle'],
    ],
    [
      'probe host empty string is fine',
      (p) => (c0(p).livenessProbe = { tcpSocket: { host: '', port: 80 } }),
      [],
      [],
    ],
    [
      'lifecycle host',
      (p) => (c0(p).lifecycle = { preStop: { httpGet: { host: '127.0.0.1', port: 80 } } }),
      ['pss-host-probes-and-host-lifecycle'],
      ['pss-host-probes-and-host-lifecycle'],
    ],
    [
      'allowPrivilegeEscalation unset',
      (p) => delete csc(p).allowPrivilegeEscalation,
      ['pss-allow-privilege-escalation'],
      [],
    ],
    [
      'container with no securityContext',
      (p) => {
        delete c0(p).securityContext;
      },
      ['pss-allow-privilege-escalation', 'pss-capabilities-restricted'],
      [],
    ],
    ['runAsNonRoot false on container', (p) => (csc(p).runAsNonRoot = false), ['pss-run-as-non-root'], []],
    [
      'runAsNonRoot unset everywhere',
      (p) => delete p.spec.securityContext.runAsNonRoot,
      ['pss-run-as-non-root'],
      [],
    ],
    [
      'runAsNonRoot on each container',
      (p) => {
        delete p.spec.securityContext.runAsNonRoot;
        csc(p).runAsNonRoot = true;
      },
      [],
      [],
    ],
    ['runAsUser 0', (p) => (p.spec.securityContext.runAsUser = 0), ['pss-run-as-user'], []],
    ['runAsGroup 0 is not checked', (p) => (p.spec.securityContext.runAsGroup = 0), [], []],
    [
      'runAsUser 0 with hostUsers false',
      (p) => {
        csc(p).runAsUser = 0;
        p.spec.hostUsers = false;
      },
      [],
      [],
    ],
    [
      'init containers are checked',
      (p) =>
        (p.spec.initContainers = [
          { name: 'init', image: 'x:1', securityContext: { ...csc(p), privileged: true } },
        ]),
      ['pss-privileged'],
      ['pss-privileged'],
    ],
    [
      'ephemeral containers are checked',
      (p) => (p.spec.ephemeralContainers = [{ name: 'dbg', image: 'x:1' }]),
      ['pss-allow-privilege-escalation', 'pss-capabilities-restricted'],
      [],
    ],
    [
      'Windows pods are exempt from three restricted checks',
      (p) => {
        p.spec.os = { name: 'windows' };
        delete c0(p).securityContext;
        delete p.spec.securityContext.seccompProfile;
      },
      [],
      [],
    ],
  ];

  it.each(cases)('%s', (_name, mutate, restricted, baseline) => {
    const pod = mutated(mutate);
    expect(pss(pod, 'restricted')).toEqual([...restricted].sort());
    expect(pss(pod, 'baseline')).toEqual([...baseline].sort());
  });
});

describe('Pod Security Standards version boundaries', () => {
  const at = (fn: (p: Pod) => void, version: string, level: PssLevel = 'restricted') =>
    pss(mutated(fn), level, version);

  it('seccomp: annotations before v1.19, fields from v1.19', () => {
    const annotated = (p: Pod) => {
      delete p.spec.securityContext.seccompProfile;
      p.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
    };
    expect(at(annotated, 'v1.18')).toEqual(['pss-seccomp-profile-baseline']);
    expect(at(annotated, 'v1.19')).toEqual(['pss-seccomp-profile-restricted']);
    expect(at(annotated, 'v1.19', 'baseline')).toEqual([]);
    const ctrAnnotation = (p: Pod) =>
      (p.metadata.annotations = {
        'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/absent': 'unconfined',
      });
    expect(at(ctrAnnotation, 'v1.18', 'baseline')).toEqual(['pss-seccomp-profile-baseline']);
    const field = (p: Pod) => (csc(p).seccompProfile = { type: 'Unconfined' });
    expect(at(field, 'v1.18', 'baseline')).toEqual([]);
    expect(at(field, 'v1.19', 'baseline')).toEqual(['pss-seccomp-profile-baseline']);
  });

  it('capabilities: drop ALL required from v1.22, baseline list before', () => {
    const noDrop = (p: Pod) => (csc(p).capabilities = { add: ['SYS_ADMIN'] });
    expect(at(noDrop, 'v1.21')).toEqual(['pss-capabilities-baseline']);
    expect(at(noDrop, 'v1.22')).toEqual(['pss-capabilities-restricted']);
  });

  it('allowPrivilegeEscalation from v1.8; runAsUser from v1.23', () => {
    expect(at((p) => delete csc(p).allowPrivilegeEscalation, 'v1.7')).toEqual([]);
    expect(at((p) => delete csc(p).allowPrivilegeEscalation, 'v1.8')).toEqual([
      'pss-allow-privilege-escalation',
    ]);
    expect(at((p) => (csc(p).runAsUser = 0), 'v1.22')).toEqual([]);
    expect(at((p) => (csc(p).runAsUser = 0), 'v1.23')).toEqual(['pss-run-as-user']);
  });

  it('Windows exemption only from v1.25', () => {
    const win = (p: Pod) => {
      p.spec.os = { name: 'windows' };
      delete csc(p).allowPrivilegeEscalation;
    };
    expect(at(win, 'v1.24')).toEqual(['pss-allow-privilege-escalation']);
    expect(at(win, 'v1.25')).toEqual([]);
  });

  it('sysctl allow-list grows at v1.27, v1.29, v1.32 and v1.37', () => {
    const sys = (name: string) => (p: Pod) => (p.spec.securityContext.sysctls = [{ name, value: '1' }]);
    expect(at(sys('net.ipv4.ip_local_reserved_ports'), 'v1.26')).toEqual(['pss-sysctls']);
    expect(at(sys('net.ipv4.ip_local_reserved_ports'), 'v1.27')).toEqual([]);
    expect(at(sys('net.ipv4.tcp_keepalive_time'), 'v1.28')).toEqual(['pss-sysctls']);
    expect(at(sys('net.ipv4.tcp_keepalive_time'), 'v1.29')).toEqual([]);
    expect(at(sys('net.ipv4.tcp_rmem'), 'v1.31')).toEqual(['pss-sysctls']);
    expect(at(sys('net.ipv4.tcp_rmem'), 'v1.32')).toEqual([]);
    expect(at(sys('net.ipv4.tcp_notsent_lowat'), 'v1.36')).toEqual(['pss-sysctls']);
    expect(at(sys('net.ipv4.tcp_notsent_lowat'), 'v1.37')).toEqual([]);
    expect(at(sys('net.ipv4.tcp_notsent_lowat'), 'latest')).toEqual([]);
  });

  it('SELinux container_engine_t from v1.31', () => {
    const t = (p: Pod) => (csc(p).seLinuxOptions = { type: 'container_engine_t' });
    expect(at(t, 'v1.30', 'baseline')).toEqual(['pss-se-linux-options']);
    expect(at(t, 'v1.31', 'baseline')).toEqual([]);
  });

  it('probe and lifecycle hosts only from v1.34', () => {
    const h = (p: Pod) => (c0(p).readinessProbe = { httpGet: { host: 'example.com', port: 80 } });
    expect(at(h, 'v1.33', 'baseline')).toEqual([]);
    expect(at(h, 'v1.34', 'baseline')).toEqual(['pss-host-probes-and-host-lifecycle']);
  });

  it('hostUsers: false relaxes runAsNonRoot, runAsUser and procMount only from v1.35', () => {
    const userns = (p: Pod) => {
      p.spec.hostUsers = false;
      p.spec.securityContext.runAsNonRoot = false;
      csc(p).procMount = 'Unmasked';
    };
    expect(at(userns, 'v1.34')).toEqual(['pss-proc-mount', 'pss-run-as-non-root']);
    expect(at(userns, 'v1.35')).toEqual(['pss-proc-mount-restricted']);
    expect(at(userns, 'v1.35', 'baseline')).toEqual([]);
    expect(
      at((p) => {
        p.spec.hostUsers = true;
        csc(p).runAsUser = 0;
      }, 'v1.35'),
    ).toEqual(['pss-run-as-user']);
  });

  it('versions newer than the newest policy behave as latest', () => {
    const fn = (p: Pod) =>
      (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }]);
    expect(at(fn, 'v1.99')).toEqual(at(fn, 'latest'));
    expect(parsePssVersion('1.25')).toBeUndefined();
    expect(parsePssVersion('v1.025')).toBeUndefined();
  });
});

describe('policy selection and pod templates', () => {
  const deployment = (template: Pod, ns = 'team') => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', namespace: ns },
    spec: {
      selector: { matchLabels: { a: 'b' } },
      template: { metadata: { labels: { a: 'b' } }, spec: template.spec },
    },
  });
  const privilegedPod = mutated((p) => (csc(p).privileged = true));
  const apeUnset = mutated((p) => delete csc(p).allowPrivilegeEscalation);

  it('uses the Namespace enforce labels when the Namespace is in the input', () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'team',
        labels: {
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/enforce-version': 'v1.7',
        },
      },
    };
    const findings = only(lint(toYaml(ns, deployment(apeUnset))), 'pss-');
    expect(findings).toEqual([]);
    const privileged = only(lint(toYaml(ns, deployment(privilegedPod))), 'pss-');
    expect(ruleIds(privileged)).toEqual(['pss-privileged']);
    expect(privileged[0].message).toContain('policy "baseline:v1.7"');
  });

  it('defaults to restricted:latest and lets flags override labels', () => {
    expect(ruleIds(only(lint(toYaml(deployment(apeUnset))), 'pss-'))).toEqual([
      'pss-allow-privilege-escalation',
    ]);
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
    };
    expect(only(lint(toYaml(ns, deployment(privilegedPod))), 'pss-')).toEqual([]);
    expect(
      ruleIds(only(lint(toYaml(ns, deployment(privilegedPod)), { pss: { level: 'baseline' } }), 'pss-')),
    ).toEqual(['pss-privileged']);
  });

  it('an unparsable enforce level counts as restricted', () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team', labels: { 'pod-security.kubernetes.io/enforce': 'strict' } },
    };
    expect(ruleIds(only(lint(toYaml(ns, deployment(apeUnset))), 'pss-'))).toEqual([
      'pss-allow-privilege-escalation',
    ]);
  });

  it.each([
    ['ReplicaSet', ['spec', 'template']],
    ['StatefulSet', ['spec', 'template']],
    ['DaemonSet', ['spec', 'template']],
    ['Job', ['spec', 'template']],
    ['ReplicationController', ['spec', 'template']],
    ['PodTemplate', ['template']],
    ['CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
  ])('checks the pod template of a %s', (kind, path) => {
    const obj: Pod = { apiVersion: 'v1', kind, metadata: { name: 'x', namespace: 'ns' } };
    let cur = obj;
    for (const seg of path.slice(0, -1)) cur = cur[seg] = {};
    cur[path[path.length - 1]] = { metadata: { labels: { a: 'b' } }, spec: privilegedPod.spec };
    const findings = only(lint(toYaml(obj)), 'pss-privileged');
    expect(findings).toHaveLength(1);
    expect(findings[0].path).toBe(`${path.join('.')}.spec.containers[0].securityContext.privileged`);
    expect(findings[0].kind).toBe(kind);
  });
});
