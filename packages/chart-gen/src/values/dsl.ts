/**
 * A tiny schema DSL: the one source of truth for the chart's values. From a tree of these nodes
 * chart-gen derives values.yaml (defaults + comments), values.schema.json, the README values table
 * and the agent's config schema, so none of them can disagree.
 */
export type JsonSchema = { [key: string]: unknown };

interface Common {
  description: string;
  examples?: unknown[];
}

export interface ScalarNode extends Common {
  kind: 'scalar';
  schema: JsonSchema;
  default: unknown;
}

export interface ObjectNode extends Common {
  kind: 'object';
  properties: Record<string, ValueNode>;
  /** Extra JSON Schema keywords (if/then, not, ...) for cross-field rules. */
  extra?: JsonSchema;
}

/** A free-form value typed by a JSON Schema (maps, Kubernetes objects), with a default. */
export interface FreeNode extends Common {
  kind: 'free';
  schema: JsonSchema;
  default: unknown;
  /** Type shown in the README. */
  typeLabel: string;
}

export type ValueNode = ScalarNode | ObjectNode | FreeNode;

type ScalarOpts<T> = Common & { default: T; schema?: JsonSchema };

export function str(
  opts: ScalarOpts<string> & { enum?: string[]; pattern?: string; minLength?: number },
): ScalarNode {
  const schema: JsonSchema = { type: 'string', ...opts.schema };
  if (opts.enum) schema.enum = opts.enum;
  if (opts.pattern) schema.pattern = opts.pattern;
  if (opts.minLength !== undefined) schema.minLength = opts.minLength;
  return {
    kind: 'scalar',
    description: opts.description,
    examples: opts.examples,
    default: opts.default,
    schema,
  };
}

export function int(opts: ScalarOpts<number> & { minimum?: number; maximum?: number }): ScalarNode {
  const schema: JsonSchema = { type: 'integer', ...opts.schema };
  if (opts.minimum !== undefined) schema.minimum = opts.minimum;
  if (opts.maximum !== undefined) schema.maximum = opts.maximum;
  return {
    kind: 'scalar',
    description: opts.description,
    examples: opts.examples,
    default: opts.default,
    schema,
  };
}

export function bool(opts: ScalarOpts<boolean>): ScalarNode {
  return {
    kind: 'scalar',
    description: opts.description,
    examples: opts.examples,
    default: opts.default,
    schema: { type: 'boolean' },
  };
}

export function obj(
  description: string,
  properties: Record<string, ValueNode>,
  extra?: JsonSchema,
): ObjectNode {
  return { kind: 'object', description, properties, extra };
}

export function free(opts: Common & { default: unknown; schema: JsonSchema; typeLabel: string }): FreeNode {
  return { kind: 'free', ...opts };
}

/** Kubernetes resource quantities (100m, 0.5, 128Mi, 1G). */
export const quantityPattern = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
/** Durations as the agent parses them: 100ms, 5s, 1m30s. */
export const durationPattern = '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$';

/** A resource quantity; with allowEmpty, "" means "none" (the field is left out). */
export function quantity(opts: ScalarOpts<string> & { allowEmpty?: boolean }): ScalarNode {
  return {
    kind: 'scalar',
    description: opts.description,
    examples: opts.examples,
    default: opts.default,
    schema: {
      type: ['string', 'number'],
      anyOf: [
        { type: 'string', pattern: quantityPattern },
        { type: 'number', minimum: 0 },
        ...(opts.allowEmpty ? [{ const: '' }] : []),
      ],
    },
  };
}

/**
 * A Kubernetes IntOrString (25%, 1), or "" for "the chart's default for the mode" where the
 * description says so.
 */
export function intOrPercent(opts: ScalarOpts<string | number> & { allowEmpty?: boolean }): ScalarNode {
  const anyOf: JsonSchema[] = [
    { type: 'integer', minimum: 0 },
    { type: 'string', pattern: opts.allowEmpty ? '^([0-9]+%?)?$' : '^[0-9]+%?$' },
  ];
  return {
    kind: 'scalar',
    description: opts.description,
    examples: opts.examples,
    default: opts.default,
    schema: { type: ['string', 'integer'], anyOf },
  };
}

export function duration(opts: ScalarOpts<string>): ScalarNode {
  return str({ ...opts, pattern: durationPattern });
}

export function stringMap(
  description: string,
  dflt: Record<string, string> = {},
  examples?: unknown[],
): FreeNode {
  return free({
    description,
    default: dflt,
    examples,
    typeLabel: 'map[string]string',
    schema: { type: 'object', additionalProperties: { type: 'string' } },
  });
}

export function objectList(description: string, dflt: unknown[] = [], examples?: unknown[]): FreeNode {
  return free({
    description,
    default: dflt,
    examples,
    typeLabel: 'list',
    schema: { type: 'array', items: { type: 'object' } },
  });
}

/** The default values object of a node tree. */
export function defaultsOf(node: ValueNode): unknown {
  if (node.kind !== 'object') return node.default;
  return Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, defaultsOf(v)]));
}

/** Every leaf (scalar or free value) with its dotted path, in definition order. */
export function leavesOf(node: ValueNode, prefix = ''): { path: string; node: ScalarNode | FreeNode }[] {
  if (node.kind !== 'object') return [{ path: prefix, node }];
  return Object.entries(node.properties).flatMap(([k, v]) => leavesOf(v, prefix ? `${prefix}.${k}` : k));
}
