import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CrdProblem {
  path: string;
  message: string;
}

export interface CrdValidator {
  handles(apiVersion: string, kind: string): boolean;
  validate(obj: unknown, apiVersion: string, kind: string): CrdProblem[];
}

/**
 * The CRD kinds the chart can render, with the kubernetes-models package that carries each one's
 * schema (generated from the projects' own CRD manifests).
 */
export const crdKinds = [
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PodMonitor',
    module: '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    module: '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GRPCRoute',
    module: '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
  },
  {
    apiVersion: 'autoscaling.k8s.io/v1',
    kind: 'VerticalPodAutoscaler',
    module: '@kubernetes-models/autoscaler/autoscaling.k8s.io/v1',
  },
] as const;

interface ModelClass {
  new (data: unknown): { validate(): void };
}
interface ValidationFailure {
  errors?: { instancePath?: string; message?: string }[];
  message: string;
}

const requireHere = createRequire(__filename);
// These packages are ES modules only; with module "nodenext" TypeScript keeps import() in CommonJS output.
const importEsm = (specifier: string) => import(specifier) as Promise<Record<string, unknown>>;

/** Loads the CRD models (ES modules) once. */
export async function crdValidator(): Promise<CrdValidator> {
  const classes = new Map<string, { model: ModelClass; dts: string }>();
  for (const c of crdKinds) {
    const mod = await importEsm(c.module);
    const pkgDir = packageDir(c.module);
    const sub = c.module.split('/').slice(2).join('/');
    classes.set(`${c.apiVersion}/${c.kind}`, {
      model: mod[c.kind] as ModelClass,
      dts: join(pkgDir, sub, `${c.kind}.d.ts`),
    });
  }
  const fields = new DeclaredFields();
  return {
    handles: (apiVersion, kind) => classes.has(`${apiVersion}/${kind}`),
    validate(obj, apiVersion, kind) {
      const entry = classes.get(`${apiVersion}/${kind}`);
      if (!entry) return [{ path: '', message: `no schema for ${apiVersion} ${kind}` }];
      const problems: CrdProblem[] = [];
      try {
        new entry.model(obj).validate();
      } catch (err) {
        const failure = err as ValidationFailure;
        for (const e of failure.errors ?? [{ instancePath: '', message: failure.message }])
          problems.push({ path: e.instancePath ?? '', message: e.message ?? 'invalid' });
      }
      // The CRD schemas do not forbid unknown fields; kubeconform -strict does, so check them here.
      fields.unknownFields(obj, entry.dts, '', problems);
      return problems;
    },
  };
}

function packageDir(specifier: string): string {
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return dirname(requireHere.resolve(`${name}/package.json`));
}

/**
 * Field names of the kubernetes-models classes, read from their declaration files: each
 * `declare class` lists every field (inherited ones included) with its type, and the imports say
 * which file declares a field's type.
 */
class DeclaredFields {
  private readonly cache = new Map<string, Map<string, string | undefined> | undefined>();

  unknownFields(value: unknown, dts: string, path: string, out: CrdProblem[]): void {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    const fields = this.fieldsOf(dts);
    if (!fields) return;
    for (const [key, child] of Object.entries(value)) {
      if (!fields.has(key)) {
        out.push({ path, message: `unknown field "${key}"` });
        continue;
      }
      const childDts = fields.get(key);
      if (!childDts) continue;
      if (Array.isArray(child))
        child.forEach((item, i) => this.unknownFields(item, childDts, `${path}/${key}/${i}`, out));
      else this.unknownFields(child, childDts, `${path}/${key}`, out);
    }
  }

  /** Field name → declaration file of its object type (undefined for scalars and maps). */
  private fieldsOf(dts: string): Map<string, string | undefined> | undefined {
    if (this.cache.has(dts)) return this.cache.get(dts);
    let fields: Map<string, string | undefined> | undefined;
    if (existsSync(dts)) {
      const text = readFileSync(dts, 'utf8');
      const imports = new Map<string, string>();
      for (const m of text.matchAll(/^import \{ (\w+) \} from "([^"]+)";$/gm)) imports.set(m[1], m[2]);
      const body = /^export declare class \w+ extends Model<\w+>[^{]*\{\n([\s\S]*?)^\}/m.exec(text)?.[1];
      if (body) {
        fields = new Map();
        for (const m of body.matchAll(/^ {4}"([^"]+)"\??: ([^;\n]*)/gm)) {
          const type = /^(?:Array<)?(I\w+)>?$/.exec(m[2].trim())?.[1];
          const from = type ? imports.get(type) : undefined;
          fields.set(m[1], from ? resolveDts(dts, from) : undefined);
        }
      }
    }
    this.cache.set(dts, fields);
    return fields;
  }
}

function resolveDts(fromFile: string, specifier: string): string {
  if (specifier.startsWith('.')) return join(dirname(fromFile), specifier.replace(/\.js$/, '.d.ts'));
  const parts = specifier.split('/');
  const n = specifier.startsWith('@') ? 2 : 1;
  return join(packageDir(parts.slice(0, n).join('/')), ...parts.slice(n)) + '.d.ts';
}
