import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { loadStrictSchemas } from '../kube/schema-files.js';
import type { StrictSchemas } from '../kube/strict-schemas.js';
import { crdValidator } from './crd-schema.js';
import type { CrdValidator } from './crd-schema.js';

/** One object of a rendering that its Kubernetes schema rejects. */
export interface SchemaProblem {
  kind: string;
  name: string;
  /** JSON pointer of the offending field, e.g. /spec/template/spec/containers/0/ports. */
  path: string;
  message: string;
}

export interface KubeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}

/**
 * Validates rendered objects like `kubeconform -strict` against one Kubernetes minor: core kinds
 * with the strict schemas generated from that release's own OpenAPI document (kube-schemas/,
 * unknown fields rejected), CRD kinds (ServiceMonitor, PodMonitor, PrometheusRule,
 * VerticalPodAutoscaler, HTTPRoute, GRPCRoute) with their own schemas. A kind with no schema at
 * all is an error, as kubeconform reports it without -ignore-missing-schemas.
 */
export class KubeSchemaValidator {
  private readonly schemas: StrictSchemas;
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly compiled = new Map<string, ValidateFunction | undefined>();
  private readonly documentId: string;

  private constructor(
    readonly kubeVersion: string,
    private readonly crds: CrdValidator,
  ) {
    this.schemas = loadStrictSchemas(kubeVersion);
    this.documentId = `kubernetes-${kubeVersion}`;
    this.ajv.addSchema({ $id: this.documentId, definitions: this.schemas.definitions });
  }

  static async create(kubeVersion: string): Promise<KubeSchemaValidator> {
    return new KubeSchemaValidator(kubeVersion, await crdValidator());
  }

  validate(obj: KubeObject): SchemaProblem[] {
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    const kind = typeof obj.kind === 'string' ? obj.kind : '';
    const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : '';
    const problem = (path: string, message: string): SchemaProblem => ({ kind, name, path, message });
    if (!apiVersion || !kind) return [problem('', 'object has no apiVersion or kind')];
    if (this.crds.handles(apiVersion, kind))
      return this.crds.validate(obj, apiVersion, kind).map((p) => problem(p.path, p.message));
    const key = `${apiVersion}/${kind}`;
    if (!this.compiled.has(key)) {
      const definition = this.schemas.kinds[key];
      this.compiled.set(
        key,
        definition
          ? this.ajv.compile({
              allOf: [
                { $ref: `${this.documentId}#/definitions/${definition}` },
                {
                  properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
                  required: ['apiVersion', 'kind'],
                },
              ],
            })
          : undefined,
      );
    }
    const validate = this.compiled.get(key);
    if (!validate)
      return [problem('', `no schema for ${apiVersion} ${kind} in Kubernetes ${this.kubeVersion}`)];
    if (validate(obj)) return [];
    return dedupe(
      (validate.errors ?? [])
        // allOf/$ref wrappers repeat the leaf error; keep the leaf ones.
        .filter((e) => e.keyword !== 'allOf')
        .map((e) =>
          problem(
            e.instancePath,
            e.keyword === 'additionalProperties'
              ? `unknown field "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
              : (e.message ?? e.keyword),
          ),
        ),
    );
  }
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\0${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
