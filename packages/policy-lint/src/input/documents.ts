/** One YAML document of a stream: its text and where it starts in the file. */
export interface DocumentChunk {
  text: string;
  offset: number;
}

// A line starting with "---" followed by white space or the end of the line is a document marker
// wherever it stands: the YAML spec forbids it inside any scalar, so splitting on it is exact. The
// same holds for "..." (document end): a new document may follow it without a "---".
const marker = /^---(?=[ \t\r\n]|$)/gm;
const endMarker = /^\.\.\.(?=[ \t\r\n]|$)[^\n]*\n?/gm;
/** A chunk that holds only directives (%YAML, %TAG), comments and blank lines. */
const directivesOnly = /^(?:[ \t]*(?:%[^\n]*|#[^\n]*)?\r?\n?)*$/;

export function splitDocuments(text: string): DocumentChunk[] {
  const starts = new Set([0]);
  for (const m of text.matchAll(marker)) starts.add(m.index);
  for (const m of text.matchAll(endMarker)) {
    const next = m.index + m[0].length;
    if (next < text.length) starts.add(next);
  }
  const sorted = [...starts].sort((a, b) => a - b);
  const chunks: DocumentChunk[] = [];
  let pending: number | undefined;
  sorted.forEach((start, i) => {
    const end = sorted[i + 1] ?? text.length;
    const chunk = text.slice(pending ?? start, end);
    // Directives belong to the document after them: keep them with it.
    if (/^[ \t]*%/m.test(chunk) && directivesOnly.test(chunk) && i + 1 < sorted.length) {
      pending ??= start;
      return;
    }
    chunks.push({ text: chunk, offset: pending ?? start });
    pending = undefined;
  });
  return chunks;
}

/** Converts offsets to 1-based line and column; line starts are computed on first use. */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1))
        this.starts.push(i + 1);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

/** Nodes a value expands to when every alias is followed (shared references counted each time). */
export function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (typeof v !== 'object' || v === null) return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    memo.set(v, n);
    return n;
  };
  return size(value);
}
