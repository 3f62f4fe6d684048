/** One chart file produced from a Handlebars template in chart-templates/. */
export interface ChartTemplate {
  /** Path inside the chart, e.g. templates/deployment.yaml. */
  path: string;
  /** What the file renders. */
  description: string;
}

/** Every templated chart file, one Kubernetes object (or helper) each. */
export const chartTemplates: readonly ChartTemplate[] = [
  { path: 'templates/_helpers.tpl', description: 'Names, labels, image reference and replica helpers.' },
  {
    path: 'templates/_pod.tpl',
    description:
      'The agent pod template shared by the Deployment and the DaemonSet; resources and rollout helpers.',
  },
  {
    path: 'templates/NOTES.txt',
    description: 'Post-install notes: endpoints, checks, warnings for missing CRD APIs.',
  },
  { path: 'templates/namespace.yaml', description: 'Optional Namespace with Pod Security Admission labels.' },
  {
    path: 'templates/serviceaccount.yaml',
    description: 'Dedicated ServiceAccount; token mounted only with rbac.create.',
  },
  { path: 'templates/role.yaml', description: 'Optional least-privilege Role.' },
  { path: 'templates/rolebinding.yaml', description: 'Binds the Role to the ServiceAccount.' },
  {
    path: 'templates/clusterrole.yaml',
    description: 'Optional read-only ClusterRole for Kubernetes attributes of every namespace.',
  },
  { path: 'templates/clusterrolebinding.yaml', description: 'Binds the ClusterRole to the ServiceAccount.' },
  {
    path: 'templates/configmap.yaml',
    description: 'config.toml of the agent, rendered from .Values.config (unless configMap.existingName).',
  },
  {
    path: 'templates/deployment.yaml',
    description:
      'The agent Deployment (mode deployment): replicas, rollout strategy, the shared pod template.',
  },
  {
    path: 'templates/daemonset.yaml',
    description: 'The agent DaemonSet (mode daemonset): one node-local agent per node, optional hostPorts.',
  },
  {
    path: 'templates/service.yaml',
    description: 'Service on 8080, 4317, 4318; node-local in daemonset mode.',
  },
  {
    path: 'templates/service-headless.yaml',
    description: 'Headless Service for client-side gRPC load balancing.',
  },
  { path: 'templates/hpa.yaml', description: 'HorizontalPodAutoscaler (CPU, memory, optional pods metric).' },
  {
    path: 'templates/vpa.yaml',
    description: 'Optional VerticalPodAutoscaler; refuses to fight an HPA on CPU/memory.',
  },
  {
    path: 'templates/prometheus-adapter-rules.yaml',
    description: 'prometheus-adapter rule serving the HPA pods metric otlp_requests_per_second.',
  },
  { path: 'templates/pdb.yaml', description: 'PodDisruptionBudget when more than one replica runs.' },
  {
    path: 'templates/networkpolicy-default-deny.yaml',
    description: 'Default-deny NetworkPolicy for a namespace the chart creates.',
  },
  {
    path: 'templates/networkpolicy.yaml',
    description: 'Ingress from OTLP senders and monitoring; egress to upstream and DNS.',
  },
  {
    path: 'templates/servicemonitor.yaml',
    description: 'Prometheus Operator ServiceMonitor (when the API exists).',
  },
  {
    path: 'templates/podmonitor.yaml',
    description: 'Prometheus Operator PodMonitor (when the API exists), instead of the ServiceMonitor.',
  },
  { path: 'templates/prometheusrule.yaml', description: 'The four agent alerts (when the API exists).' },
  { path: 'templates/dashboard-configmap.yaml', description: 'Grafana dashboard for the sidecar.' },
  { path: 'templates/ingress.yaml', description: 'Optional Ingress for OTLP/HTTP from outside the cluster.' },
  {
    path: 'templates/httproute.yaml',
    description: 'Gateway API HTTPRoute for OTLP/HTTP (when the API exists).',
  },
  {
    path: 'templates/grpcroute.yaml',
    description: 'Gateway API GRPCRoute for OTLP/gRPC (when the API exists).',
  },
  { path: 'templates/extra-manifests.yaml', description: 'extraManifests, rendered with tpl.' },
  {
    path: 'templates/tests/test-connection.yaml',
    description: 'helm test pod running `otlp-client healthcheck` against the Service.',
  },
  { path: 'templates/tests/networkpolicy.yaml', description: 'Isolates the helm test pod.' },
];
