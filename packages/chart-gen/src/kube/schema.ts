import type { KubeModels } from './models.js';

type Schema = { [key: string]: unknown };

/** Model class name of a root kind: apps/v1 Deployment -> V1Deployment, autoscaling/v2 HPA -> V2HorizontalPodAutoscaler. */
export function modelNameOf(apiVersion: string, kind: string): string {
  const version = apiVersion.split('/').pop() ?? apiVersion;
  return version[0].toUpperCase() + version.slice(1) + kind;
}

/**
 * A strict JSON Schema for one kind, like kubeconform -strict: every object of the API forbids
 * fields it does not define, so a typo or a field from a newer Kubernetes is an error.
 */
export function kindSchema(models: KubeModels, apiVersion: string, kind: string): Schema | undefined {
  const root = modelNameOf(apiVersion, kind);
  if (!models.model(root)) return undefined;
  const definitions: Record<string, Schema> = {};
  const visit = (name: string): void => {
    if (definitions[name]) return;
    const fields = models.model(name);
    if (!fields) {
      definitions[name] = {};
      return;
    }
    definitions[name] = {};
    const properties: Record<string, Schema> = {};
    for (const f of fields) properties[f.jsonName] = typeSchema(f.type, f.format, visit);
    definitions[name] = {
      type: 'object',
      properties,
      additionalProperties: false,
      required: fields
        .filter((f) => f.required && !['apiVersion', 'kind'].includes(f.jsonName))
        .map((f) => f.jsonName),
    };
  };
  visit(root);
  return {
    $id: `k8s-${models.kubeVersion}-${root}`,
    definitions,
    allOf: [
      { $ref: `#/definitions/${root}` },
      {
        properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
        required: ['apiVersion', 'kind'],
      },
    ],
  };
}

function typeSchema(type: string, format: string | undefined, visit: (name: string) => void): Schema {
  const t = type.trim();
  if (t === 'string') return { type: 'string' };
  if (t === 'number')
    return format === 'int32' || format === 'int64' ? { type: 'integer' } : { type: 'number' };
  if (t === 'boolean') return { type: 'boolean' };
  if (t === 'Date') return { type: 'string' };
  if (t === 'any' || t === 'object') return {};
  if (t === 'IntOrString') return { type: ['integer', 'string'] };
  const array = /^Array<(.+)>$/.exec(t);
  if (array) return { type: 'array', items: typeSchema(array[1], undefined, visit) };
  const map = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/.exec(t);
  if (map) return { type: 'object', additionalProperties: typeSchema(map[1], undefined, visit) };
  if (/^[A-Z][A-Za-z0-9]+$/.test(t)) {
    visit(t);
    return { $ref: `#/definitions/${t}` };
  }
  return {};
}
