// A minimal Kubernetes API client over HTTPS with the admin client certificate: enough for the
// tooling and tests to wait for readiness, create nodes and namespaces and submit dry runs.
// CommonJS, so the cluster tests (CommonJS under Jest, without ES module support) can use it too.
const { request: httpsRequest } = require('node:https');
const { readFileSync } = require('node:fs');

class KubeClient {
  constructor(server, pki) {
    this.server = new URL(server);
    this.tls = {
      ca: readFileSync(pki.ca),
      cert: readFileSync(pki.adminCert),
      key: readFileSync(pki.adminKey),
    };
  }

  /** Sends one request; resolves { status, body } (body parsed when JSON), never rejects on HTTP errors. */
  request(method, path, body, { headers = {}, timeoutMs = 30000 } = {}) {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = httpsRequest(
        {
          host: this.server.hostname,
          port: this.server.port,
          method,
          path,
          ...this.tls,
          headers: {
            accept: 'application/json',
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
            ...headers,
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              /* not JSON (healthz answers "ok") */
            }
            resolve({ status: res.statusCode, body: parsed, headers: res.headers });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in ${timeoutMs} ms`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  get(path) {
    return this.request('GET', path);
  }

  /** Creates an object; 409 (already there) counts as success. */
  async create(path, object) {
    const r = await this.request('POST', path, object);
    if (r.status >= 300 && r.status !== 409)
      throw new Error(`POST ${path}: ${r.status} ${r.body?.message ?? JSON.stringify(r.body)}`);
    return r.body;
  }
}

module.exports = { KubeClient };
