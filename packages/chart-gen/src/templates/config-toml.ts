import type { ObjectNode, ValueNode } from '../values/dsl.js';

/**
 * The body of config.toml as Helm template text (in the [[ ]] convention of chart-templates),
 * generated from the agent-config definition so every key the agent accepts is rendered with its
 * type: Helm's toToml writes every number as a float (port = 8080.0), which an integer key rejects.
 * Strings and map keys go through toJson, whose escapes are valid in TOML basic strings.
 */
export function configTomlTemplate(root: ObjectNode, valuesPath = '.Values.config'): string {
  const lines: string[] = [];
  const table = (node: ObjectNode, tomlPath: string[], helmPath: string) => {
    const leaves = Object.entries(node.properties).filter(([, v]) => v.kind !== 'object' && !isMap(v));
    const children = Object.entries(node.properties).filter(([, v]) => v.kind === 'object' || isMap(v));
    if (tomlPath.length > 0) lines.push('', `[${tomlPath.join('.')}]`);
    for (const [key, leaf] of leaves) lines.push(`${key} = ${scalar(leaf, `${helmPath}.${key}`)}`);
    for (const [key, child] of children) {
      if (child.kind === 'object') table(child, [...tomlPath, key], `${helmPath}.${key}`);
      else {
        lines.push('', `[${[...tomlPath, key].join('.')}]`);
        lines.push(
          `[[- range $key, $value := ${helmPath}.${key} ]]`,
          '[[ $key | toJson ]] = [[ $value | toString | toJson ]]',
          '[[- end ]]',
        );
      }
    }
  };
  table(root, [], valuesPath);
  return lines.join('\n').replace(/^\n/, '') + '\n';
}

function isMap(node: ValueNode): boolean {
  return node.kind === 'free' && (node.schema as { type?: string }).type === 'object';
}

function scalar(node: ValueNode, path: string): string {
  const type = node.kind === 'object' ? 'object' : (node.schema as { type?: string }).type;
  switch (type) {
    case 'integer':
      return `[[ ${path} | int64 ]]`;
    case 'boolean':
      return `[[ ${path} ]]`;
    case 'string':
      return `[[ ${path} | toJson ]]`;
    default:
      throw new Error(`config key ${path}: no TOML rendering for JSON Schema type ${String(type)}`);
  }
}
