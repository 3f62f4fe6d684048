// Generates a realistic multi-namespace manifest corpus: per namespace a Namespace, Deployments,
// Services, NetworkPolicies, ServiceAccounts, Roles, RoleBindings, ConfigMaps, a PDB and an HPA.
const { stringify } = require('yaml');

function namespaceObjects(n) {
  const ns = `team-${n}`;
  const out = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: { 'pod-security.kubernetes.io/enforce': n % 3 === 0 ? 'baseline' : 'restricted' },
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: ns },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
  ];
  for (let i = 0; i < 4; i++) {
    const app = `app-${i}`;
    const labels = { 'app.kubernetes.io/name': app, tier: i % 2 ? 'web' : 'worker' };
    out.push(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: app, namespace: ns, labels },
        spec: {
          replicas: 3,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: app,
              automountServiceAccountToken: i % 2 === 0,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 1000,
                seccompProfile: { type: 'RuntimeDefault' },
              },
              containers: [
                {
                  name: 'main',
                  image: i === 3 ? 'nginx:latest' : `registry.example/${app}:1.${i}.0`,
                  ports: [
                    { name: 'http', containerPort: 8080 },
                    { name: 'metrics', containerPort: 9090 },
                  ],
                  env: [
                    { name: 'A', value: 'b' },
                    { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  ],
                  resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
                  securityContext: {
                    allowPrivilegeEscalation: i === 2,
                    capabilities: { drop: ['ALL'] },
                    readOnlyRootFilesystem: true,
                  },
                  livenessProbe: { httpGet: { path: '/health', port: 'http' } },
                  readinessProbe: { httpGet: { path: '/ready', port: i === 1 ? 'admin' : 'http' } },
                  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
                },
              ],
              volumes: [{ name: 'tmp', emptyDir: {} }],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: app, namespace: ns },
        spec: {
          selector: labels,
          ports: [
            { name: 'http', port: 80, targetPort: 'http' },
            { name: 'metrics', port: 9090, targetPort: 'metrics' },
          ],
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: app, namespace: ns },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ['Ingress', 'Egress'],
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } } }],
              ports: [{ port: 'http' }],
            },
          ],
          egress: [
            {
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
            },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: app, namespace: ns },
        automountServiceAccountToken: false,
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: { name: app, namespace: ns },
        rules: [
          { apiGroups: [''], resources: i === 0 ? ['secrets'] : ['configmaps'], verbs: ['get', 'list'] },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: app, namespace: ns },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: app },
        subjects: [{ kind: 'ServiceAccount', name: app, namespace: ns }],
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `${app}-config`, namespace: ns },
        data: { 'config.toml': '[otlp]\nendpoint = "http://collector:4317"\n' },
      },
    );
  }
  out.push(
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'app-0', namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'app-0' } } },
    },
    {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'app-1', namespace: ns },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app-1' },
        minReplicas: 3,
        maxReplicas: 10,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
          },
        ],
      },
    },
  );
  return out;
}

/** YAML text of at least `minObjects` objects, and the exact count. */
function corpus(minObjects) {
  const docs = [];
  for (let n = 0; docs.length < minObjects; n++) docs.push(...namespaceObjects(n));
  return { text: docs.map((d) => stringify(d)).join('---\n'), objects: docs.length };
}

module.exports = { corpus };
