import type { FieldPath } from '../model/types.js';

export interface Line {
  offset: number;
  /** Column of the first non-space character. */
  indent: number;
  text: string;
}

function isContent(line: Line): boolean {
  const c = line.text[line.indent];
  return c !== undefined && c !== '#' && c !== '\r';
}

function keyAt(text: string, col: number, key: string): number | undefined {
  // Plain, double- or single-quoted key followed by optional spaces and ':' then space or end.
  const q = text[col];
  const forms = q === '"' ? [JSON.stringify(key)] : q === "'" ? [`'${key.replace(/'/g, "''")}'`] : [key];
  for (const quoted of forms) {
    if (text.startsWith(quoted, col)) {
      let i = col + quoted.length;
      while (text[i] === ' ') i++;
      if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ' || text[i + 1] === '\r'))
        return i + 1;
    }
  }
  return undefined;
}

/**
 * Finds a field in block-style YAML by indentation alone: no parse, no allocation beyond the line
 * table. Returns undefined as soon as the layout is not plain block style (flow collections,
 * anchors), and the caller falls back to the full position index. A missing field yields its
 * closest existing ancestor, like the position index.
 */
export function locateInBlockYaml(text: string, path: FieldPath): number | undefined {
  return locateInLines(lineTable(text), path);
}

/** The line table of a document, built once and reused for every finding in it. */
export function lineTable(text: string): readonly Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const t = text.slice(start, end);
    let indent = 0;
    while (t.charCodeAt(indent) === 32) indent++;
    lines.push({ offset: start, indent, text: t });
    start = end + 1;
  }
  return lines;
}

export function locateInLines(lines: readonly Line[], path: FieldPath): number | undefined {
  let lo = 0;
  while (
    lo < lines.length &&
    (!isContent(lines[lo]) || lines[lo].text.startsWith('---') || lines[lo].text.startsWith('%'))
  )
    lo++;
  let hi = lines.length;
  // Column where the current node's content starts; on the first line it may follow "- ".
  let col = lo < lines.length ? lines[lo].indent : 0;
  let found = lo < lines.length ? lines[lo].offset + col : 0;
  for (const seg of path) {
    if (lo >= hi) return found;
    const first = lines[lo];
    // A flow collection here (a JSON manifest, a flow-style root): the real parser finds the field.
    if (first.text[col] === '{' || first.text[col] === '[') return undefined;
    if (typeof seg === 'number') {
      if (first.text[col] !== '-') return undefined;
      let n = -1;
      let i = lo;
      for (; i < hi; i++) {
        const l = lines[i];
        if (!isContent(l)) continue;
        const c = i === lo ? col : l.indent;
        if (c < col) break;
        if (c === col && l.text[c] === '-') n++;
        if (n === seg) break;
      }
      if (n !== seg || i >= hi) return found;
      let j = i + 1;
      while (j < hi && (!isContent(lines[j]) || lines[j].indent > col)) j++;
      let c = col + 1;
      while (lines[i].text[c] === ' ') c++;
      found = lines[i].offset + c;
      lo = i;
      hi = j;
      col = c;
      if (c >= lines[i].text.length) {
        // "-" alone on its line: the item's content starts on the next content line.
        lo = i + 1;
        while (lo < hi && !isContent(lines[lo])) lo++;
        if (lo >= hi) return found;
        col = lines[lo].indent;
      }
    } else {
      let i = lo;
      let afterColon: number | undefined;
      for (; i < hi; i++) {
        const l = lines[i];
        if (!isContent(l)) continue;
        const c = i === lo ? col : l.indent;
        if (c < col) return found;
        if (c === col && (afterColon = keyAt(l.text, c, seg)) !== undefined) break;
      }
      if (afterColon === undefined || i >= hi) return found;
      const line = lines[i];
      let v = afterColon;
      while (line.text[v] === ' ') v++;
      const inline = v < line.text.length && line.text[v] !== '#' && line.text[v] !== '\r';
      const ch = line.text[v];
      // Like the position index: a collection is reported at its key, a scalar at its value.
      found = line.offset + (inline && ch !== '{' && ch !== '[' ? v : col);
      if (inline) {
        if (ch === '{' || ch === '[' || ch === '&' || ch === '*' || ch === '!') {
          // Flow collections and anchors need the real parser, unless this is the last step.
          if (seg !== path[path.length - 1]) return undefined;
        }
        lo = i + 1;
        hi = i + 1;
        continue;
      }
      // Block value: following lines indented deeper, or a sequence at the key's own indent.
      let j = i + 1;
      while (
        j < hi &&
        (!isContent(lines[j]) ||
          lines[j].indent > col ||
          (lines[j].indent === col && lines[j].text[col] === '-'))
      )
        j++;
      lo = i + 1;
      while (lo < j && !isContent(lines[lo])) lo++;
      hi = j;
      if (lo < hi) col = lines[lo].indent;
    }
  }
  return found;
}
