import type { JsonSchema, ValueNode } from '../values/dsl.js';

/**
 * JSON Schema draft-07 of a value tree: Helm 3 and Helm 4 both validate values against it, and
 * editors use it for completion. Fixed-shape objects get additionalProperties: false, so a
 * misspelt key is an error rather than a silently ignored setting.
 */
export function schemaOf(node: ValueNode, withDefaults = true): JsonSchema {
  const base: JsonSchema = { description: node.description };
  if (node.examples) base.examples = node.examples;
  if (node.kind === 'object') {
    return {
      ...base,
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        Object.entries(node.properties).map(([k, v]) => [k, schemaOf(v, withDefaults)]),
      ),
      ...node.extra,
    };
  }
  return { ...base, ...node.schema, ...(withDefaults ? { default: node.default } : {}) };
}

export function documentSchema(node: ValueNode, id: string, title: string): JsonSchema {
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, title, ...schemaOf(node) };
}
