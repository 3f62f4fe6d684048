import { request } from 'node:http';
import type { Env } from '../../config/env.js';
import { loadAgentConfig } from '../config/load-config.js';

/**
 * The readiness URL of the agent on this host: monitoring.port from the same config `run` reads
 * (OTLP_CONFIG_PATH), so the image's HEALTHCHECK follows a changed port; 8080 if it cannot be read.
 */
export function defaultHealthcheckUrl(env: Env = process.env): string {
  let port = 8080;
  try {
    port = loadAgentConfig(undefined, env).config.monitoring.port;
  } catch {
    // An unreadable config: the agent would not be running from it either; probe the default.
  }
  return `http://127.0.0.1:${port}/ready`;
}

/**
 * `otlp-client healthcheck [--url URL]`: GET the URL, true on a 2xx answer within the timeout.
 * The runtime image has no curl or wget, so its HEALTHCHECK and the chart's `helm test` pod use this.
 */
export function healthcheck(url: string, timeoutMs = 2000): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, message: `--url: "${url}" is not a valid URL` });
      return;
    }
    if (target.protocol !== 'http:') {
      resolve({ ok: false, message: `--url: "${url}" must be http://` });
      return;
    }
    const req = request(target, { method: 'GET', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d.slice(0, 500)));
      res.on('end', () => {
        const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
        resolve({ ok, message: `${url}: ${res.statusCode} ${body.trim()}` });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ ok: false, message: `${url}: ${err.message}` }));
    req.end();
  });
}
