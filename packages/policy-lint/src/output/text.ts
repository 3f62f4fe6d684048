import type { LintResult } from '../engine.js';
import type { Finding, Severity } from '../model/types.js';

const colours: Record<Severity | 'dim' | 'bold', [string, string]> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  info: ['\x1b[36m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
};

/** Human output: findings grouped by file, then a summary line. Colour only when asked (TTY). */
export function formatText(
  result: LintResult,
  options: { colour?: boolean; showSuppressed?: boolean } = {},
): string {
  const paint = (c: keyof typeof colours, s: string): string =>
    options.colour ? colours[c][0] + s + colours[c][1] : s;
  const groups = new Map<string, Finding[]>();
  for (const f of result.findings) {
    if (f.suppressed && !options.showSuppressed) continue;
    let list = groups.get(f.file);
    if (!list) groups.set(f.file, (list = []));
    list.push(f);
  }
  const lines: string[] = [];
  for (const [file, findings] of groups) {
    lines.push(paint('bold', file));
    for (const f of findings) {
      const object = f.kind ? `${f.kind}${f.namespace ? ` ${f.namespace}/` : ' '}${f.name}` : '';
      const sev = f.suppressed ? paint('dim', 'suppressed') : paint(f.severity, f.severity);
      lines.push(
        `  ${f.line}:${f.column}  ${sev}  ${f.message}  ${paint('dim', `${f.ruleId}${object ? `  ${object}` : ''}${f.path ? ` ${f.path}` : ''}`)}`,
      );
    }
    lines.push('');
  }
  const s = result.summary;
  const total = s.error + s.warning + s.info;
  lines.push(
    `${total === 0 ? 'no problems' : `${total} problem${total === 1 ? '' : 's'}`} (${s.error} error${s.error === 1 ? '' : 's'}, ${s.warning} warning${s.warning === 1 ? '' : 's'}, ${s.info} info)` +
      `, ${s.suppressed} suppressed, in ${s.objects} object${s.objects === 1 ? '' : 's'} from ${s.files} file${s.files === 1 ? '' : 's'}`,
  );
  return lines.join('\n') + '\n';
}
