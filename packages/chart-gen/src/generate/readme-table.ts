import type { ValueNode } from '../values/dsl.js';
import { leavesOf } from '../values/dsl.js';

function typeOf(node: ReturnType<typeof leavesOf>[number]['node']): string {
  if (node.kind === 'free') return node.typeLabel;
  const s = node.schema;
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((e) => `\`${String(e)}\``).join(' \\| ');
  if (s.anyOf) return 'quantity';
  return String(s.type);
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The values table of the chart README, one row per leaf. */
export function renderValuesTable(root: ValueNode): string {
  const rows = leavesOf(root).map(
    ({ path, node }) =>
      `| \`${path}\` | ${typeOf(node)} | \`${cell(JSON.stringify(node.default))}\` | ${cell(node.description)} |`,
  );
  return ['| key | type | default | description |', '|---|---|---|---|', ...rows].join('\n') + '\n';
}
