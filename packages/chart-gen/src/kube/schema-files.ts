import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StrictSchemas } from './strict-schemas.js';

/** Where the committed strict schemas live: kube-schemas/kubernetes-<minor>.json in this package. */
export const kubeSchemasDir = join(__dirname, '..', '..', 'kube-schemas');
export const kubeSchemaFile = (minor: string) => join(kubeSchemasDir, `kubernetes-${minor}.json`);

const loaded = new Map<string, StrictSchemas>();

/** The strict schemas of a Kubernetes minor (e.g. "1.34"), read once. */
export function loadStrictSchemas(minor: string): StrictSchemas {
  const cached = loaded.get(minor);
  if (cached) return cached;
  const file = kubeSchemaFile(minor);
  if (!existsSync(file))
    throw new Error(
      `no strict Kubernetes schemas for ${minor} (${file}); run \`npx nx run chart-gen:kube-schemas\``,
    );
  const schemas = JSON.parse(readFileSync(file, 'utf8')) as StrictSchemas;
  loaded.set(minor, schemas);
  return schemas;
}
