// Random pods for the Pod Security differential test: a restricted-compliant pod, then a few
// mutations, each drawn from the controls of the Pod Security Standards with allowed and forbidden
// values (as pod-security-admission defines them per version). Seeded, so a failure replays.

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function basePod(name) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'psa-differential' }, annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          image: 'registry.example/app:1.0.0',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      volumes: [],
    },
  };
}

const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const container = (pod, rand) => pick(rand, [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]);
const csc = (c) => (c.securityContext ??= {});

/** Each control with values on both sides of its line. */
const mutations = [
  [
    'hostNamespaces',
    (pod, rand) => (pod.spec[pick(rand, ['hostNetwork', 'hostPID', 'hostIPC'])] = pick(rand, [true, false])),
  ],
  ['privileged', (pod, rand) => (csc(container(pod, rand)).privileged = pick(rand, [true, false]))],
  [
    'capabilities',
    (pod, rand) => {
      const caps = (csc(container(pod, rand)).capabilities ??= {});
      caps.add = [
        pick(rand, [
          'NET_BIND_SERVICE',
          'CHOWN',
          'KILL',
          'NET_RAW',
          'SYS_ADMIN',
          'NET_ADMIN',
          'SETUID',
          'AUDIT_WRITE',
        ]),
      ];
      if (rand() < 0.3) delete caps.drop;
    },
  ],
  [
    'hostPath',
    (pod) =>
      pod.spec.volumes.push({ name: `host-${pod.spec.volumes.length}`, hostPath: { path: '/var/log' } }),
  ],
  [
    'volumeTypes',
    (pod, rand) =>
      pod.spec.volumes.push({
        name: `vol-${pod.spec.volumes.length}`,
        ...pick(rand, [
          { emptyDir: {} },
          { configMap: { name: 'c' } },
          { secret: { secretName: 's' } },
          { projected: { sources: [] } },
          { downwardAPI: { items: [] } },
          { persistentVolumeClaim: { claimName: 'p' } },
          { nfs: { server: '10.0.0.1', path: '/x' } },
          { iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2001-04.com.example:storage', lun: 0 } },
          { csi: { driver: 'csi.example.com' } },
          {
            ephemeral: {
              volumeClaimTemplate: {
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
              },
            },
          },
        ]),
      }),
  ],
  [
    'hostPorts',
    (pod, rand) => {
      const c = container(pod, rand);
      c.ports = [{ containerPort: 8080, ...(rand() < 0.6 ? { hostPort: pick(rand, [8080, 0]) } : {}) }];
    },
  ],
  [
    'appArmor',
    (pod, rand) => {
      const c = container(pod, rand);
      if (rand() < 0.5)
        pod.metadata.annotations[`container.apparmor.security.beta.kubernetes.io/${c.name}`] = pick(rand, [
          'runtime/default',
          'localhost/custom',
          'unconfined',
        ]);
      else
        csc(c).appArmorProfile = pick(rand, [
          { type: 'RuntimeDefault' },
          { type: 'Localhost', localhostProfile: 'custom' },
          { type: 'Unconfined' },
        ]);
    },
  ],
  [
    'seLinux',
    (pod, rand) => {
      const target = rand() < 0.5 ? pod.spec.securityContext : csc(container(pod, rand));
      target.seLinuxOptions = pick(rand, [
        { type: 'container_t' },
        { type: 'container_init_t' },
        { type: 'container_kvm_t' },
        { type: 'container_engine_t' },
        { type: 'spc_t' },
        { user: 'root' },
        { role: 'sysadm_r' },
        { level: 's0:c1,c2' },
      ]);
    },
  ],
  [
    'procMount',
    (pod, rand) => {
      const procMount = pick(rand, ['Default', 'Unmasked']);
      csc(container(pod, rand)).procMount = procMount;
      // Unmasked needs a user namespace (hostUsers: false), which also changes runAsNonRoot/runAsUser from v1.35.
      if (procMount === 'Unmasked') pod.spec.hostUsers = false;
    },
  ],
  [
    'seccomp',
    (pod, rand) => {
      const target = rand() < 0.5 ? pod.spec.securityContext : csc(container(pod, rand));
      const type = pick(rand, ['RuntimeDefault', 'Localhost', 'Unconfined', undefined]);
      if (type === undefined) delete target.seccompProfile;
      else
        target.seccompProfile = type === 'Localhost' ? { type, localhostProfile: 'profile.json' } : { type };
    },
  ],
  [
    'sysctls',
    (pod, rand) =>
      (pod.spec.securityContext.sysctls = [
        {
          name: pick(rand, [
            'kernel.shm_rmid_forced',
            'net.ipv4.ip_local_port_range',
            'net.ipv4.tcp_syncookies',
            'net.ipv4.ping_group_range',
            'net.ipv4.ip_unprivileged_port_start',
            'net.ipv4.ip_local_reserved_ports',
            'net.ipv4.tcp_keepalive_time',
            'net.ipv4.tcp_fin_timeout',
            'net.ipv4.tcp_keepalive_intvl',
            'net.ipv4.tcp_keepalive_probes',
            'kernel.msgmax',
            'net.core.somaxconn',
            'vm.swappiness',
          ]),
          value: '1',
        },
      ]),
  ],
  [
    'allowPrivilegeEscalation',
    (pod, rand) => {
      const value = pick(rand, [true, false, undefined]);
      if (value === undefined) delete csc(container(pod, rand)).allowPrivilegeEscalation;
      else csc(container(pod, rand)).allowPrivilegeEscalation = value;
    },
  ],
  [
    'runAsNonRoot',
    (pod, rand) => {
      const target = rand() < 0.5 ? pod.spec.securityContext : csc(container(pod, rand));
      const value = pick(rand, [true, false, undefined]);
      if (value === undefined) delete target.runAsNonRoot;
      else target.runAsNonRoot = value;
    },
  ],
  [
    'runAsUser',
    (pod, rand) => {
      const target = rand() < 0.5 ? pod.spec.securityContext : csc(container(pod, rand));
      target.runAsUser = pick(rand, [0, 1, 1000, 65534]);
    },
  ],
  [
    'windowsHostProcess',
    (pod, rand) => {
      // A valid Windows pod: none of the Linux-only fields, and hostProcess on every container
      // and the host network when it is a HostProcess pod (the API server refuses anything else).
      const hostProcess = pick(rand, [true, false]);
      pod.spec.os = { name: 'windows' };
      pod.spec.securityContext = {
        runAsNonRoot: true,
        windowsOptions: { hostProcess, runAsUserName: 'ContainerUser' },
      };
      if (hostProcess) pod.spec.hostNetwork = true;
      for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) c.securityContext = {};
    },
  ],
  [
    'hostProbes',
    (pod, rand) => {
      const c = container(pod, rand);
      c.livenessProbe = {
        httpGet: {
          port: 8080,
          path: '/health',
          ...(rand() < 0.6 ? { host: pick(rand, ['127.0.0.1', '10.0.0.1', '']) } : {}),
        },
      };
    },
  ],
  [
    'initContainer',
    (pod, rand) => {
      const init = { name: 'init', image: 'registry.example/init:1.0.0' };
      if (rand() < 0.5)
        init.securityContext = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
      pod.spec.initContainers = [init];
    },
  ],
  ['linuxPod', (pod) => (pod.spec.os = { name: 'linux' })],
];

/** count pods from seed; each has 0–3 mutations and records their names. */
function generatePods(seed, count) {
  const rand = prng(seed);
  const pods = [];
  for (let i = 0; i < count; i++) {
    const pod = basePod(`psa-${seed}-${i}`);
    const applied = [];
    const n = Math.floor(rand() * 4);
    for (let k = 0; k < n; k++) {
      const [name, mutate] = pick(rand, mutations);
      mutate(pod, rand);
      applied.push(name);
    }
    if (pod.spec.volumes.length === 0) delete pod.spec.volumes;
    pods.push({ pod, applied });
  }
  return pods;
}

/** The same pod as a Deployment's template. */
function asDeployment(pod) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: pod.metadata.name },
    spec: {
      replicas: 1,
      selector: { matchLabels: pod.metadata.labels },
      template: { metadata: pod.metadata, spec: pod.spec },
    },
  };
}

module.exports = { asDeployment, generatePods, mutations };
