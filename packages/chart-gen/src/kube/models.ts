import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Kubernetes API models as the official JavaScript client generates them from Kubernetes' OpenAPI
 * document: per model, its fields (JSON name, TypeScript type) and which are required. Read as text
 * from the client's generated files (attributeTypeMap in .js, optionality in .d.ts), so any client
 * version works without loading its code.
 */
export interface ModelField {
  jsonName: string;
  type: string;
  format?: string;
  required: boolean;
}

export interface KubeModels {
  /** Kubernetes minor these models describe, e.g. "1.34". */
  kubeVersion: string;
  model(name: string): ModelField[] | undefined;
}

/** The client-node package (installed under an npm alias) that describes each Kubernetes minor. */
export const clientPackages: Readonly<Record<string, string>> = {
  '1.29': 'kubernetes-client-node-1-29',
  '1.34': 'kubernetes-client-node-1-34',
};

const requireHere = createRequire(__filename);

export function loadKubeModels(kubeVersion: string): KubeModels {
  const pkg = clientPackages[kubeVersion];
  if (!pkg)
    throw new Error(
      `no Kubernetes models for ${kubeVersion}; known: ${Object.keys(clientPackages).join(', ')}`,
    );
  const root = dirname(requireHere.resolve(`${pkg}/package.json`));
  // client-node 1.x keeps models in dist/gen/models/V1Pod.js; 0.x in dist/gen/model/v1Pod.js.
  const newLayout = existsSync(join(root, 'dist', 'gen', 'models'));
  const dir = join(root, 'dist', 'gen', newLayout ? 'models' : 'model');
  const cache = new Map<string, ModelField[] | undefined>();
  return {
    kubeVersion,
    model(name) {
      if (cache.has(name)) return cache.get(name);
      const base = newLayout ? name : name[0].toLowerCase() + name.slice(1);
      const js = join(dir, `${base}.js`);
      const fields = existsSync(js)
        ? parseModel(readFileSync(js, 'utf8'), readFileSync(join(dir, `${base}.d.ts`), 'utf8'))
        : undefined;
      cache.set(name, fields);
      return fields;
    },
  };
}

const typeMapPattern = /attributeTypeMap\s*=\s*(\[[\s\S]*?\n\s*\]);/;
const declaredField = /^\s+'([^']+)'(\?)?:/gm;

export function parseModel(js: string, dts: string): ModelField[] {
  const m = typeMapPattern.exec(js);
  if (!m) return [];
  const entries = JSON.parse(m[1]) as { name: string; baseName: string; type: string; format?: string }[];
  const optional = new Map<string, boolean>();
  for (const d of dts.matchAll(declaredField)) optional.set(d[1], d[2] === '?');
  return entries.map((e) => ({
    jsonName: e.baseName,
    type: e.type,
    format: e.format || undefined,
    required: optional.get(e.name) === false,
  }));
}
