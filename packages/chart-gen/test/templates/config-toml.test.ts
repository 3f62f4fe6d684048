import Ajv from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { configSchema } from '../../src/generate/chart-files';
import { configTomlTemplate } from '../../src/templates/config-toml';
import { agentConfig } from '../../src/values/sections/agent-config';
import { defaultsOf } from '../../src/values/dsl';
import { freshChart, helmTemplate, valuesFile } from '../helpers';

const chart = freshChart();

function renderedConfig(args: string[] = []): Record<string, any> {
  const cm = parseYaml(helmTemplate(chart, ['-s', 'templates/configmap.yaml', ...args]));
  return parseToml(cm.data['config.toml']);
}

describe('config.toml rendered by the chart', () => {
  const validate = new Ajv({ strict: false }).compile(configSchema());

  it('equals the agent defaults exactly, integers as integers (not toToml floats)', () => {
    const config = renderedConfig();
    expect(config).toEqual(defaultsOf(agentConfig));
    expect(Number.isInteger(config.receivers.grpc.port)).toBe(true);
    expect(validate(config)).toBe(true);
  });

  it('carries overrides with quotes, backslashes, unicode and HTML characters through intact', () => {
    const headers = { authorization: 'Bearer a"b\\c', 'x-tenant': 'é<&>' };
    const file = valuesFile({
      config: {
        otlp: { headers, batch_size: 512, protocol: 'http/protobuf' },
        queue: { max_bytes: 67108864 },
      },
    });
    const config = renderedConfig(['-f', file]);
    expect(config.otlp.headers).toEqual(headers);
    expect(config.otlp.batch_size).toBe(512);
    expect(config.queue.max_bytes).toBe(67108864);
    expect(validate(config)).toBe(true);
  });

  it('renders every key of the definition (none forgotten in the template)', () => {
    const text = configTomlTemplate(agentConfig);
    const keys = (node: any, prefix: string): string[] =>
      Object.entries(node.properties).flatMap(([k, v]: [string, any]) =>
        v.kind === 'object' ? keys(v, `${prefix}.${k}`) : [`${prefix}.${k}`],
      );
    for (const key of keys(agentConfig, '.Values.config')) expect(text).toContain(key);
  });
});
