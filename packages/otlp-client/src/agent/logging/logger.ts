import pino from 'pino';
import type { Logger } from 'pino';
import type { AgentConfig } from '../config/agent-config.js';

export type AgentLogger = Logger;

/** pino's numeric levels, for the text format. */
const levelNames: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/**
 * `format = "text"`: one human line per record (time, level, message, then key=value), for a
 * terminal; JSON (the default) is what log collectors parse.
 */
export function textLine(record: Record<string, unknown>): string {
  const { time, level, msg, pid: _pid, hostname: _hostname, ...rest } = record;
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  const when = new Date(Number(time)).toISOString();
  return `${when} ${(levelNames[Number(level)] ?? String(level)).padEnd(5)} ${typeof msg === 'string' ? msg : JSON.stringify(msg ?? '')}${fields ? ' ' + fields : ''}\n`;
}

/**
 * The agent's structured logger: pino, JSON lines on stdout (synchronous writes: a log line
 * before exit is never lost), at the configured level.
 */
export function createLogger(
  logging: AgentConfig['logging'],
  out: { write(text: string): unknown } = pino.destination({ dest: 1, sync: true }),
): AgentLogger {
  const options = { level: logging.level, base: { service: 'otlp-client' } };
  if (logging.format === 'json') return pino(options, out);
  return pino(options, {
    write: (line: string) => out.write(textLine(JSON.parse(line) as Record<string, unknown>)),
  });
}
