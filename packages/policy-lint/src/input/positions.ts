import { load } from 'js-yaml';
import type { State } from 'js-yaml';
import type { FieldPath } from '../model/types.js';

/** A YAML node's start offset and, once closed, its children (mapping: key, value, key, value...). */
interface PositionNode {
  start: number;
  children: PositionNode[];
  kind?: string | null;
  result?: unknown;
}

/**
 * Offsets of the nodes of one YAML document, built only when a finding needs a location: the fast
 * path parses without positions, and this second, listener-driven parse of the single document
 * costs microseconds. Mapping children alternate key and value, as js-yaml composes them.
 */
export class PositionIndex {
  private readonly root: PositionNode | undefined;

  constructor(private readonly text: string) {
    const stack: PositionNode[] = [{ start: 0, children: [] }];
    load(text, {
      listener(eventType: string, state: State) {
        if (eventType === 'open') {
          stack.push({ start: state.position, children: [] });
        } else {
          const node = stack.pop();
          if (!node) return;
          node.kind = state.kind;
          node.result = state.result;
          // js-yaml composes some nodes twice, one inside the other (block sequence scalars): keep one.
          const only = node.children.length === 1 ? node.children[0] : undefined;
          stack[stack.length - 1].children.push(
            only && only.kind === node.kind && only.result === node.result ? only : node,
          );
        }
      },
    });
    this.root = stack[0].children[0];
  }

  /** Offset of the node at `path`, or of its closest existing ancestor. */
  offsetOf(path: FieldPath): number {
    let node = this.root;
    if (!node) return 0;
    let best = node.start;
    for (const seg of path) {
      const next = childAt(node, seg);
      if (!next) break;
      // A collection value is reported at its key ("securityContext:"), a scalar at the value.
      best =
        next.key && (next.value.kind === 'mapping' || next.value.kind === 'sequence')
          ? next.key.start
          : next.value.start;
      node = next.value;
    }
    return this.skipBlank(best);
  }

  /** js-yaml opens a value node before the separating white space and comments: skip them. */
  private skipBlank(offset: number): number {
    const t = this.text;
    let i = offset;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 35 /* # */) while (i < t.length && t.charCodeAt(i) !== 10) i++;
      else return i;
    }
  }
}

function childAt(
  node: PositionNode,
  seg: string | number,
): { key?: PositionNode; value: PositionNode } | undefined {
  if (node.kind === 'sequence' && typeof seg === 'number') {
    const value = node.children[seg];
    return value ? { value } : undefined;
  }
  if (node.kind === 'mapping') {
    for (let i = 0; i + 1 < node.children.length; i += 2) {
      if (String(node.children[i].result) === String(seg))
        return { key: node.children[i], value: node.children[i + 1] };
    }
  }
  return undefined;
}
