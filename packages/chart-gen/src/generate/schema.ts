import type { JsonSchema, ObjectNode, ValueNode } from '../values/dsl.js';
import { nodeAt, planAliases } from '../values/plan-aliases.js';

/**
 * JSON Schema draft-07 of a value tree: Helm 3 and Helm 4 both validate values against it, and
 * editors use it for completion. Fixed-shape objects get additionalProperties: false, so a
 * misspelt key is an error rather than a silently ignored setting.
 */
export function schemaOf(node: ValueNode, withDefaults = true, requireAll = false): JsonSchema {
  const base: JsonSchema = { description: node.description };
  if (node.examples) base.examples = node.examples;
  if (node.kind === 'object') {
    return {
      ...base,
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        Object.entries(node.properties).map(([k, v]) => [k, schemaOf(v, withDefaults, requireAll)]),
      ),
      // Every key has a default, so only a user's null (which Helm turns into "delete this key")
      // can make one missing: Helm then names the key instead of rendering `null` or a zero.
      ...(requireAll ? { required: Object.keys(node.properties) } : {}),
      ...node.extra,
    };
  }
  return { ...base, ...node.schema, ...(withDefaults ? { default: node.default } : {}) };
}

export function documentSchema(node: ValueNode, id: string, title: string, requireAll = false): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    title,
    ...schemaOf(node, true, requireAll),
  };
}

/**
 * The values schema with the plan's key names (values/plan-aliases.ts) beside the keys they stand
 * for: each takes its target's schema, without a default (unset, the target's default applies).
 */
export function withPlanAliases(schema: JsonSchema, root: ObjectNode): JsonSchema {
  const copy = structuredClone(schema);
  for (const { alias, target } of planAliases) {
    const keys = alias.split('.');
    let at = copy as { properties: Record<string, JsonSchema> };
    for (const key of keys.slice(0, -1)) at = at.properties[key] as typeof at;
    const targetSchema = schemaOf(nodeAt(root, target), false);
    at.properties[keys.at(-1) as string] = {
      ...targetSchema,
      description: `${String(targetSchema.description)} The plan's name for ${target}; when set, it wins over it.`,
    };
  }
  return copy;
}
