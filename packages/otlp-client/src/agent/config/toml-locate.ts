/**
 * The line (1-based) where a dotted key is set in TOML text, for error messages: the key's own
 * line inside its [table], or the table header when the key itself is missing. A best effort over
 * the shapes config.toml uses (tables, `key = value`, quoted keys); undefined when not found.
 */
export function lineOfKey(source: string, path: readonly string[]): number | undefined {
  const lines = source.split(/\r?\n/);
  let table: string[] = [];
  let tableLine: number | undefined;
  let tableDepth = 0;
  const want = path.join('.');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const header = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header && !line.startsWith('[[')) {
      table = header[1].split('.').map(unquote);
      if (table.join('.') === want) return i + 1;
      // The deepest table enclosing the key stands in for a key that is missing.
      if (path.slice(0, table.length).join('.') === table.join('.') && table.length >= tableDepth) {
        tableLine = i + 1;
        tableDepth = table.length;
      }
      continue;
    }
    const assign =
      /^((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=/.exec(line);
    if (!assign) continue;
    const key = [...table, ...assign[1].split(/\s*\.\s*/).map(unquote)].join('.');
    if (key === want) return i + 1;
  }
  return tableLine;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^(".*"|'.*')$/.test(t) ? t.slice(1, -1) : t;
}
