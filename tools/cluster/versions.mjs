// The control plane the chart is tested against, pinned. Kubernetes' staging modules are published
// as v0.<minor>.<patch> beside k8s.io/kubernetes v1.<minor>.<patch>; the scratch module replaces
// each one with that version (k8s.io/kubernetes' own go.mod points them at ./staging).
export const kubernetesVersion = 'v1.34.4';
/** The etcd minor Kubernetes 1.34 is released with. */
export const etcdVersion = 'v3.6.16';
export const kwokVersion = 'v0.8.0';

/** What is built, from which module, into which binary. */
export const binaries = [
  { name: 'kube-apiserver', module: 'kubernetes', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver' },
  {
    name: 'kube-controller-manager',
    module: 'kubernetes',
    pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
  },
  { name: 'kube-scheduler', module: 'kubernetes', pkg: 'k8s.io/kubernetes/cmd/kube-scheduler' },
  { name: 'etcd', module: 'etcd', pkg: '.' },
  { name: 'kwok', module: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok' },
];
