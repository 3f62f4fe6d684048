import { KubeSchemaValidator } from '../../src/validate/kube-schema';

function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: {
        metadata: { labels: { app: 'x' } },
        spec: { containers: [{ name: 'c', image: 'i:1', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

describe.each(['1.29', '1.34'])(
  'KubeSchemaValidator at Kubernetes %s (kubeconform -strict semantics)',
  (version) => {
    let v: KubeSchemaValidator;
    beforeAll(async () => {
      v = await KubeSchemaValidator.create(version);
    });

    it('accepts a valid Deployment', () => {
      expect(v.validate(deployment())).toEqual([]);
    });

    it('rejects an unknown field, naming it and where it is', () => {
      const d = deployment();
      d.spec.template.spec.containers[0].imagePullPolice = 'Always';
      expect(v.validate(d)).toEqual([
        {
          kind: 'Deployment',
          name: 'd',
          path: '/spec/template/spec/containers/0',
          message: 'unknown field "imagePullPolice"',
        },
      ]);
    });

    it('rejects a wrong type and a missing required field', () => {
      const d = deployment();
      d.spec.replicas = 'two';
      delete d.spec.template.spec.containers[0].name;
      const problems = v.validate(d);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: '/spec/replicas', message: 'must be integer' }),
          expect.objectContaining({
            path: '/spec/template/spec/containers/0',
            message: "must have required property 'name'",
          }),
        ]),
      );
    });

    it('rejects a kind it has no schema for, and a wrong apiVersion for a known kind', () => {
      expect(
        v.validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })[0].message,
      ).toMatch(/no schema for example.com\/v1 Widget/);
      expect(v.validate({ ...deployment(), apiVersion: 'extensions/v1beta1' })[0].message).toMatch(
        /no schema/,
      );
    });

    it('validates CRDs: a ServiceMonitor with an unknown endpoint field and a VPA with a bad update mode', () => {
      const sm = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'ServiceMonitor',
        metadata: { name: 's' },
        spec: { selector: {}, endpoints: [{ port: 'http', intervall: '30s' }] },
      };
      expect(v.validate(sm)).toEqual([
        {
          kind: 'ServiceMonitor',
          name: 's',
          path: '/spec/endpoints/0',
          message: 'unknown field "intervall"',
        },
      ]);
      const vpa = {
        apiVersion: 'autoscaling.k8s.io/v1',
        kind: 'VerticalPodAutoscaler',
        metadata: { name: 'v' },
        spec: {
          targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' },
          updatePolicy: { updateMode: 'Sometimes' },
        },
      };
      expect(v.validate(vpa)).toEqual([
        expect.objectContaining({
          path: '/spec/updatePolicy/updateMode',
          message: 'must be equal to one of the allowed values',
        }),
      ]);
      const rule = {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: { name: 'r' },
        spec: { groups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0' }] }] },
      };
      expect(v.validate(rule)).toEqual([]);
    });
  },
);

describe('Kubernetes version differences', () => {
  it('knows a field added after 1.29 only at the newer version (PodSpec.hostnameOverride, 1.34)', async () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { hostnameOverride: 'h', containers: [{ name: 'c', image: 'i:1' }] },
    };
    expect((await KubeSchemaValidator.create('1.34')).validate(pod)).toEqual([]);
    expect((await KubeSchemaValidator.create('1.29')).validate(pod)).toEqual([
      expect.objectContaining({ message: 'unknown field "hostnameOverride"' }),
    ]);
  });
});
