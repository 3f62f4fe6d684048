import { ConfigError } from '../../config/config-error.js';

const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};
const part = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/gy;

/** A Go-style duration ("100ms", "5s", "1m30s") in milliseconds; `setting` names the key in errors. */
export function parseDuration(text: string, setting: string): number {
  if (!text) throw new ConfigError(setting, 'empty duration (use e.g. "100ms", "5s", "1m30s")');
  let ms = 0;
  part.lastIndex = 0;
  while (part.lastIndex < text.length) {
    const m = part.exec(text);
    if (!m) throw new ConfigError(setting, `"${text}" is not a duration (use e.g. "100ms", "5s", "1m30s")`);
    ms += Number(m[1]) * unitMs[m[2]];
  }
  return ms;
}
