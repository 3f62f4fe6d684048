// The CRD APIs the chart renders objects for (Prometheus Operator, VPA, Gateway API), installed
// in the test cluster so Helm sees them through discovery and installs those objects for real.
// Their schemas keep unknown fields: the objects' content is checked offline by chart-gen against
// the projects' own CRD schemas (@kubernetes-models/*); here the point is that the API server
// serves the kinds and Helm's install, upgrade and uninstall handle them.
export const testCrds = [
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', plural: 'servicemonitors' },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PodMonitor', plural: 'podmonitors' },
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PrometheusRule', plural: 'prometheusrules' },
  {
    group: 'autoscaling.k8s.io',
    version: 'v1',
    kind: 'VerticalPodAutoscaler',
    plural: 'verticalpodautoscalers',
  },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute', plural: 'httproutes' },
  { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'GRPCRoute', plural: 'grpcroutes' },
];

/** Groups under k8s.io need an approval annotation; these are the ones the projects' CRDs carry. */
const approvals = {
  'autoscaling.k8s.io': 'https://github.com/kubernetes/kubernetes/pull/63797',
  'gateway.networking.k8s.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/2466',
};

export function crdManifest({ group, version, kind, plural }) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${plural}.${group}`,
      ...(approvals[group] ? { annotations: { 'api-approved.kubernetes.io': approvals[group] } } : {}),
    },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

/** Creates the CRDs and waits until each is Established. */
export async function installTestCrds(client, waitFor) {
  for (const crd of testCrds)
    await client.create('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crdManifest(crd));
  await waitFor(
    'the test CRDs Established',
    async () => {
      for (const crd of testCrds) {
        const r = await client.get(
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.plural}.${crd.group}`,
        );
        const established = (r.body?.status?.conditions ?? []).some(
          (c) => c.type === 'Established' && c.status === 'True',
        );
        if (!established) return false;
      }
      return true;
    },
    { timeoutMs: 60000 },
  );
}
