import type { ObjectNode, ScalarNode, ValueNode } from './dsl.js';

/**
 * The key names of the deployment plan's own values.yaml, accepted beside the chart's richer
 * nested keys so that file installs unchanged. Each alias takes the schema of the key it stands
 * for (one definition, in the value tree) and, when set, wins over it: the chart's templates read
 * only the nested keys, which the `planAliases` helper fills from these before anything renders.
 */
export const planAliases: { alias: string; target: string }[] = [
  { alias: 'config.endpoint', target: 'config.otlp.endpoint' },
  { alias: 'config.protocol', target: 'config.otlp.protocol' },
  { alias: 'config.batch_size', target: 'config.otlp.batch_size' },
  { alias: 'config.timeout', target: 'config.otlp.timeout' },
  { alias: 'service.port', target: 'service.ports.http' },
  { alias: 'service.grpcPort', target: 'service.ports.grpc' },
  { alias: 'service.httpOtlpPort', target: 'service.ports.httpOtlp' },
];

/** The node at a dotted path of the value tree. */
export function nodeAt(root: ObjectNode, path: string): ValueNode {
  let node: ValueNode = root;
  for (const key of path.split('.')) {
    if (node.kind !== 'object' || !(key in node.properties))
      throw new Error(`plan alias target ${path}: no value ${key} there`);
    node = node.properties[key];
  }
  return node;
}

/** Each alias split into Helm paths, for the helper template that copies them. */
export function planAliasCopies(root: ObjectNode) {
  return planAliases.map(({ alias, target }) => {
    const targetNode = nodeAt(root, target) as ScalarNode;
    if (targetNode.kind !== 'scalar') throw new Error(`plan alias ${alias}: ${target} is not a scalar`);
    const parent = (p: string) => `.Values.${p.split('.').slice(0, -1).join('.')}`;
    const key = (p: string) => p.split('.').pop() as string;
    return {
      alias,
      target,
      parent: parent(alias),
      key: key(alias),
      targetParent: parent(target),
      targetKey: key(target),
    };
  });
}
