import { crdApis } from '../../src/templates/context';
import { freshChart, helm3, helm4, renderValues, runHelm, valuesFile } from '../helpers';

const chart = freshChart();
const allApis = Object.values(crdApis).flatMap((api) => ['--api-versions', api]);

const render = (bin: string, values: object, extra: string[] = []) => renderValues(bin, chart, values, extra);

const find = (objects: any[], kind: string) => objects.find((o) => o.kind === kind);
const mainService = (objects: any[]) =>
  objects.find((o) => o.kind === 'Service' && !o.metadata.name.endsWith('-headless'));
const parentRefs = [{ name: 'public', namespace: 'gateway-system' }];

describe.each([
  ['helm 4', helm4],
  ['helm 3', helm3],
])('%s: Service, Ingress and Gateway API routes', (_name, bin) => {
  it('LoadBalancer settings reach the Service; trafficDistribution only where Kubernetes knows it (1.31+)', () => {
    const values = {
      service: {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        loadBalancerClass: 'service.k8s.aws/nlb',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        trafficDistribution: 'PreferClose',
      },
    };
    const spec = mainService(render(bin, values, ['--kube-version', '1.34.0']).objects).spec;
    expect(spec).toMatchObject({
      type: 'LoadBalancer',
      internalTrafficPolicy: 'Cluster',
      externalTrafficPolicy: 'Local',
      loadBalancerClass: 'service.k8s.aws/nlb',
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      trafficDistribution: 'PreferClose',
    });
    const old = mainService(render(bin, values, ['--kube-version', '1.29.0']).objects).spec;
    expect(old.trafficDistribution).toBeUndefined();
  });

  it.each([
    [
      { service: { externalTrafficPolicy: 'Local' } },
      'service.externalTrafficPolicy applies to NodePort and LoadBalancer',
    ],
    [
      { service: { loadBalancerSourceRanges: ['10.0.0.0/8'] } },
      'apply to a LoadBalancer Service; service.type is ClusterIP',
    ],
    [
      { gatewayApi: { httpRoute: { enabled: true } } },
      'gatewayApi.httpRoute.enabled needs gatewayApi.httpRoute.parentRefs',
    ],
    [
      { gatewayApi: { grpcRoute: { enabled: true } } },
      'gatewayApi.grpcRoute.enabled needs gatewayApi.grpcRoute.parentRefs',
    ],
    [
      { monitoring: { serviceMonitor: { enabled: true }, podMonitor: { enabled: true } } },
      'monitoring.serviceMonitor and monitoring.podMonitor are both enabled',
    ],
  ])('refuses %j, saying why', (values, message) => {
    const r = render(bin, values, allApis);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(message);
  });

  it('the Ingress sends every path to the OTLP/HTTP port', () => {
    const ingress = find(render(bin, { ingress: { enabled: true, className: 'nginx' } }).objects, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules).toEqual([
      {
        host: 'otlp.example.com',
        http: {
          paths: [
            {
              path: '/v1',
              pathType: 'Prefix',
              backend: { service: { name: 'otlp-otlp-client', port: { name: 'http-otlp' } } },
            },
          ],
        },
      },
    ]);
  });

  it('routes match the agent’s OTLP paths and services, to the Service ports, only when the API exists', () => {
    const values = {
      service: { ports: { grpc: 14317, httpOtlp: 14318 } },
      gatewayApi: {
        httpRoute: { enabled: true, parentRefs, hostnames: ['otlp.example.com'] },
        grpcRoute: { enabled: true, parentRefs },
      },
    };
    const withApi = render(bin, values, allApis).objects;
    const http = find(withApi, 'HTTPRoute');
    expect(http.spec.parentRefs).toEqual(parentRefs);
    expect(http.spec.hostnames).toEqual(['otlp.example.com']);
    expect(http.spec.rules[0].matches.map((m: any) => m.path.value)).toEqual([
      '/v1/traces',
      '/v1/metrics',
      '/v1/logs',
    ]);
    expect(http.spec.rules[0].backendRefs).toEqual([{ name: 'otlp-otlp-client', port: 14318 }]);
    const grpc = find(withApi, 'GRPCRoute');
    expect(grpc.spec.rules[0].matches.map((m: any) => m.method.service)).toEqual([
      'opentelemetry.proto.collector.trace.v1.TraceService',
      'opentelemetry.proto.collector.metrics.v1.MetricsService',
      'opentelemetry.proto.collector.logs.v1.LogsService',
    ]);
    expect(grpc.spec.rules[0].backendRefs).toEqual([{ name: 'otlp-otlp-client', port: 14317 }]);
    const without = render(bin, values).objects;
    expect([find(without, 'HTTPRoute'), find(without, 'GRPCRoute')]).toEqual([undefined, undefined]);
  });

  it('the PodMonitor carries relabelings, metricRelabelings and sampleLimit', () => {
    const relabelings = [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }];
    const metricRelabelings = [{ sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop' }];
    const podMonitor = find(
      render(
        bin,
        { monitoring: { podMonitor: { enabled: true, relabelings, metricRelabelings, sampleLimit: 500 } } },
        allApis,
      ).objects,
      'PodMonitor',
    );
    expect(podMonitor.spec.sampleLimit).toBe(500);
    expect(podMonitor.spec.podMetricsEndpoints).toEqual([
      {
        port: 'http',
        path: '/metrics',
        interval: '30s',
        scrapeTimeout: '10s',
        relabelings,
        metricRelabelings,
      },
    ]);
  });

  it('extra PrometheusRule groups follow the agent alerts; extra NetworkPolicy rules follow the chart’s', () => {
    const group = {
      name: 'slo',
      rules: [{ record: 'otlp:rate5m', expr: 'sum(rate(otlp_requests_total[5m]))' }],
    };
    const extraIngress = [
      { from: [{ ipBlock: { cidr: '10.1.0.0/16' } }], ports: [{ port: 4318, protocol: 'TCP' }] },
    ];
    const extraEgress = [
      { to: [{ ipBlock: { cidr: '10.2.0.0/16' } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ];
    const objects = render(
      bin,
      {
        monitoring: { prometheusRule: { enabled: true, extraGroups: [group] } },
        networkPolicy: { extraIngress, extraEgress },
      },
      allApis,
    ).objects;
    const groups = find(objects, 'PrometheusRule').spec.groups;
    expect(groups).toHaveLength(2);
    expect(groups[1]).toEqual(group);
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && !o.metadata.name.includes('test'))!;
    expect(policy.spec.ingress.at(-1)).toEqual(extraIngress[0]);
    expect(policy.spec.egress.at(-1)).toEqual(extraEgress[0]);
  });
});

describe('NOTES (helm 4 install --dry-run=client)', () => {
  const notes = (values: object) =>
    runHelm(helm4, [
      'install',
      'otlp',
      chart,
      '-n',
      'observability',
      '--dry-run=client',
      '-f',
      valuesFile(values),
    ]).stdout.split('NOTES:')[1];

  it('say where OTLP arrives in daemonset mode and how to watch the DaemonSet roll', () => {
    const text = notes({ mode: 'daemonset', daemonset: { hostPorts: { enabled: true } } });
    expect(text).toContain('as a DaemonSet');
    expect(text).toContain('rollout status ds/otlp-otlp-client');
    expect(text).toContain('$(NODE_IP):4317');
  });

  it('warn when a route has no API in the cluster, and that the NetworkPolicy must let the controller in', () => {
    const text = notes({
      ingress: { enabled: true },
      gatewayApi: { grpcRoute: { enabled: true, parentRefs } },
    });
    expect(text).toContain(
      'WARNING: gatewayApi.grpcRoute.enabled is true but the cluster has no gateway.networking.k8s.io/v1/GRPCRoute API',
    );
    expect(text).toContain('allow them in networkPolicy.otlpFrom');
    expect(text).toContain('http://otlp.example.com/v1/traces');
  });
});
