import { ConfigError } from '../../config/config-error.js';
import type { Env } from '../../config/env.js';
import { resolveSignalConfig } from '../../config/exporter-config.js';
import { signalNames } from '../../proto/signals.js';
import { exporterEnv, inFileTerms } from '../config/exporter-options.js';
import type { LoadedConfig } from '../config/agent-config.js';
import { loadAgentConfig } from '../config/load-config.js';

/**
 * `otlp-client check-config [FILE]`: validates like `run` would (including readable certificate
 * files) and prints the effective configuration as JSON: the file's settings with defaults and
 * overrides, and what each signal's upstream resolves to. Header values are not printed (tokens).
 */
export function checkConfigCommand(
  file: string | undefined,
  env: Env = process.env,
): { ok: boolean; output: string } {
  let loaded: LoadedConfig | undefined;
  try {
    const current = loadAgentConfig(file, env);
    loaded = current;
    const upstream = Object.fromEntries(
      signalNames.map((signal) => {
        const c = resolveSignalConfig(signal, {}, exporterEnv(current, env));
        return [
          signal,
          {
            protocol: c.protocol,
            url: c.url.href,
            timeoutMs: c.timeoutMs,
            compression: c.compression,
            headers: Object.keys(c.headers),
            tls: c.tls ? { ca: !!c.tls.ca, clientCertificate: !!c.tls.cert } : false,
          },
        ];
      }),
    );
    const redacted = {
      ...loaded.config,
      otlp: {
        ...loaded.config.otlp,
        headers: Object.fromEntries(Object.keys(loaded.config.otlp.headers).map((k) => [k, '<redacted>'])),
      },
    };
    const report = { file: loaded.file ?? null, overrides: loaded.overrides, config: redacted, upstream };
    return { ok: true, output: JSON.stringify(report, null, 2) + '\n' };
  } catch (err) {
    const e = loaded ? inFileTerms(err, loaded, env) : err;
    if (e instanceof ConfigError)
      return { ok: false, output: `otlp-client: invalid configuration: ${e.message}\n` };
    throw e;
  }
}
