import { stringify } from 'yaml';

/**
 * Values files under ci/ that together switch on every optional feature; `chart-gen validate`
 * renders and checks each of them (plus the defaults) with both Helm versions.
 */
export const ciValues: Readonly<Record<string, { description: string; values: object }>> = {
  'all-features-values.yaml': {
    description:
      'Every optional object: Namespace, RBAC, ServiceMonitor, PrometheusRule, dashboard, pods metric, digest, extras.',
    values: {
      namespace: { create: true },
      rbac: { create: true },
      image: { digest: 'sha256:' + 'a'.repeat(64) },
      autoscaling: { requestsPerSecond: { enabled: true, averageValue: '150' } },
      monitoring: {
        serviceMonitor: { enabled: true, labels: { release: 'kube-prometheus-stack' } },
        prometheusRule: { enabled: true, labels: { release: 'kube-prometheus-stack' } },
        grafanaDashboard: { enabled: true },
      },
      priorityClassName: 'system-cluster-critical',
      imagePullSecrets: [{ name: 'registry-credentials' }],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'observability', effect: 'NoSchedule' }],
      extraEnv: [{ name: 'OTEL_RESOURCE_ATTRIBUTES', value: 'deployment.environment=ci' }],
      extraVolumes: [{ name: 'certs', secret: { secretName: 'otlp-upstream-tls' } }],
      extraVolumeMounts: [{ name: 'certs', mountPath: '/etc/otlp/tls', readOnly: true }],
      podAnnotations: { 'example.com/team': 'observability' },
      commonLabels: { 'example.com/owner': 'observability' },
      config: {
        otlp: { endpoint: 'https://collector.observability.svc:4317', headers: { 'x-tenant': 'ci' } },
      },
    },
  },
  'vpa-values.yaml': {
    description:
      'Fixed replicas with a VerticalPodAutoscaler in Auto mode (no HPA), HTTP upstream, no headless Service.',
    values: {
      autoscaling: { enabled: false },
      replicaCount: 2,
      verticalPodAutoscaler: { enabled: true, updateMode: 'Auto' },
      service: { headless: { enabled: false } },
      config: {
        otlp: { endpoint: 'http://otel-collector.observability.svc:4318', protocol: 'http/protobuf' },
      },
      networkPolicy: {
        upstream: {
          port: 4318,
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
        },
      },
    },
  },
  'daemonset-values.yaml': {
    description:
      'One node-local agent per node (DaemonSet, node-local Service, zone-preferring traffic), a PodMonitor, a ClusterRole for k8s attributes, OnDelete-free rolling updates of one node at a time.',
    values: {
      mode: 'daemonset',
      rollout: { maxUnavailable: '10%' },
      service: { trafficDistribution: 'PreferClose', headless: { enabled: false } },
      rbac: { clusterRole: { create: true } },
      monitoring: {
        podMonitor: {
          enabled: true,
          labels: { release: 'kube-prometheus-stack' },
          relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }],
          sampleLimit: 5000,
        },
      },
      tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
      resources: { limits: { cpu: '' } },
    },
  },
  'exposure-values.yaml': {
    description:
      'OTLP from outside (Ingress, HTTPRoute, GRPCRoute, a LoadBalancer Service), pod-spec passthroughs (init and sidecar containers, DNS, host aliases, runtime class, envFrom, NET_BIND_SERVICE), an existing ConfigMap, extra manifests and NetworkPolicy rules, HPA behavior and a PDB by minAvailable.',
    values: {
      imagePullSecrets: ['registry-credentials'],
      ingress: {
        enabled: true,
        className: 'nginx',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
        hosts: [{ host: 'otlp.example.com', paths: [{ path: '/v1', pathType: 'Prefix' }] }],
        tls: [{ hosts: ['otlp.example.com'], secretName: 'otlp-tls' }],
      },
      gatewayApi: {
        httpRoute: {
          enabled: true,
          parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
          hostnames: ['otlp.example.com'],
        },
        grpcRoute: {
          enabled: true,
          parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'grpc' }],
        },
      },
      service: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
      },
      networkPolicy: {
        otlpFrom: [
          { podSelector: {} },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } },
        ],
        extraIngress: [
          { from: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 4318, protocol: 'TCP' }] },
        ],
        extraEgress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }] }],
      },
      initContainers: [
        {
          name: 'wait-for-upstream',
          image: 'ghcr.io/otlp-kit/otlp-client:0.1.0',
          args: ['healthcheck', '--help'],
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
        },
      ],
      extraContainers: [
        {
          name: 'auth-proxy',
          image: 'ghcr.io/example/auth-proxy:1.2.3',
          ports: [{ name: 'proxy', containerPort: 9443, protocol: 'TCP' }],
          livenessProbe: { tcpSocket: { port: 'proxy' } },
          readinessProbe: { tcpSocket: { port: 'proxy' } },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ['ALL'] },
          },
          resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '64Mi' } },
        },
      ],
      dnsPolicy: 'ClusterFirst',
      dnsConfig: { options: [{ name: 'ndots', value: '2' }] },
      // The RuntimeClass comes with extraManifests below (admission refuses pods naming a missing one).
      runtimeClassName: 'runc',
      extraEnvFrom: [{ secretRef: { name: 'otlp-agent-env', optional: true } }],
      podSecurityContext: { supplementalGroups: [20000] },
      // The one capability the restricted Pod Security Standard lets a container add back.
      securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } },
      hostAliases: [{ ip: '10.0.0.10', hostnames: ['collector.internal'] }],
      configMap: { existingName: 'otlp-agent-config' },
      extraManifests: [
        { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'runc' }, handler: 'runc' },
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'otlp-agent-config' },
          data: { 'config.toml': '[otlp]\nendpoint = "http://otel-collector.observability.svc:4317"\n' },
        },
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\ndata:\n  namespace: {{ .Release.Namespace }}\n',
      ],
      autoscaling: {
        behavior: {
          scaleDown: {
            stabilizationWindowSeconds: 600,
            policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }],
          },
        },
      },
      podDisruptionBudget: { minAvailable: '50%' },
      rollout: { maxSurge: 1 },
      revisionHistoryLimit: 3,
      monitoring: {
        serviceMonitor: {
          enabled: true,
          metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }],
        },
        prometheusRule: {
          enabled: true,
          extraGroups: [
            {
              name: 'otlp-client-slo',
              rules: [{ record: 'otlp:requests:rate5m', expr: 'sum(rate(otlp_requests_total[5m]))' }],
            },
          ],
        },
      },
    },
  },
};

export function renderCiValues(name: string, generator: string): string {
  const file = ciValues[name];
  return `# Generated by ${generator}. Do not edit by hand.\n# ${file.description}\n${stringify(file.values, { lineWidth: 0 })}`;
}
