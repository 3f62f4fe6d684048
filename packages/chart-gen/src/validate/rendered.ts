import { parse } from 'yaml';

export interface RenderedObject {
  /** Template named by Helm's `# Source:` comment. */
  source: string;
  object: { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } } & Record<string, unknown>;
}

/**
 * Splits `helm template` output into objects, each with the template that produced it. Helm
 * starts every document with `---` and a `# Source: chart/templates/x.yaml` comment.
 */
export function parseRendered(text: string): RenderedObject[] {
  const out: RenderedObject[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const value: unknown = parse(chunk);
    if (value === null || value === undefined) continue;
    const source = /^# Source: (\S+)/m.exec(chunk)?.[1] ?? '';
    if (typeof value !== 'object' || Array.isArray(value))
      throw new Error(
        `helm template produced a document that is not an object${source ? ` (${source})` : ''}`,
      );
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
