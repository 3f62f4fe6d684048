import { parseAllDocuments } from 'yaml';

export interface RenderedObject {
  /** Template named by Helm's `# Source:` comment. */
  source: string;
  object: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } & Record<string, unknown>;
}

/** Splits `helm template` output into objects, each with the template that produced it. */
export function parseRendered(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0)
      throw new Error(`helm template produced invalid YAML: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const source =
      /# Source: (\S+)/.exec(doc.commentBefore ?? '')?.[1] ??
      /# Source: (\S+)/.exec(String(doc.contents?.commentBefore ?? ''))?.[1] ??
      '';
    out.push({ source, object: value as RenderedObject['object'] });
  }
  return out;
}

export function countKinds(objects: RenderedObject[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { object } of objects) {
    const kind = typeof object.kind === 'string' ? object.kind : '?';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
