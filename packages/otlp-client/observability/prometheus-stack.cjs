// Debian's Prometheus and Alertmanager on free 127.0.0.1 ports, with a webhook receiver that
// records every notification Alertmanager sends; each in its own temporary directory, stopped
// (and removed) by stop().
const { spawn } = require('node:child_process');
const { createServer } = require('node:http');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const YAML = require('yaml');
const { freePorts } = require('../soak/free-ports.cjs');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

class WebhookReceiver {
  constructor() {
    /** Every alert of every notification: { status, labels, at }. */
    this.alerts = [];
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        try {
          for (const a of JSON.parse(body).alerts ?? [])
            this.alerts.push({ status: a.status, labels: a.labels, at: Date.now() });
        } catch {
          /* not a notification */
        }
        res.writeHead(200).end();
      });
    });
  }

  start(port) {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
  }

  notified(alertname, status) {
    return this.alerts.find((a) => a.labels.alertname === alertname && a.status === status);
  }

  stop() {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

class PrometheusStack {
  /** target: host:port of the agent's metrics; scrape: the chart's job settings; labels: its target labels. */
  static async start({ groups, scrape, target, labels, evaluationInterval = '1s' }) {
    const stack = new PrometheusStack();
    const [promPort, amPort, hookPort] = await freePorts(3);
    stack.dir = mkdtempSync(join(tmpdir(), 'observability-'));
    stack.url = `http://127.0.0.1:${promPort}`;
    stack.webhook = new WebhookReceiver();
    await stack.webhook.start(hookPort);
    writeFileSync(join(stack.dir, 'rules.yaml'), YAML.stringify({ groups }));
    writeFileSync(
      join(stack.dir, 'alertmanager.yaml'),
      YAML.stringify({
        route: {
          receiver: 'webhook',
          group_by: ['alertname', 'pod'],
          group_wait: '1s',
          group_interval: '1s',
          repeat_interval: '1h',
        },
        receivers: [
          {
            name: 'webhook',
            webhook_configs: [{ url: `http://127.0.0.1:${hookPort}/`, send_resolved: true }],
          },
        ],
      }),
    );
    writeFileSync(
      join(stack.dir, 'prometheus.yaml'),
      YAML.stringify({
        global: { scrape_interval: scrape.scrape_interval, evaluation_interval: evaluationInterval },
        rule_files: [join(stack.dir, 'rules.yaml')],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
        scrape_configs: [
          { job_name: 'otlp-agent', ...scrape, static_configs: [{ targets: [target], labels }] },
        ],
      }),
    );
    stack.processes = [
      spawn(
        'prometheus-alertmanager',
        [
          `--config.file=${join(stack.dir, 'alertmanager.yaml')}`,
          `--storage.path=${join(stack.dir, 'am')}`,
          `--web.listen-address=127.0.0.1:${amPort}`,
          '--cluster.listen-address=',
        ],
        { stdio: 'ignore' },
      ),
      spawn(
        'prometheus',
        [
          `--config.file=${join(stack.dir, 'prometheus.yaml')}`,
          `--storage.tsdb.path=${join(stack.dir, 'tsdb')}`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          // Resolved alerts reach Alertmanager within a second, not the default minute.
          '--rules.alert.resend-delay=1s',
        ],
        { stdio: 'ignore' },
      ),
    ];
    await until('Prometheus ready', async () => (await fetch(`${stack.url}/-/ready`)).ok, 30_000);
    await until(
      'Alertmanager ready',
      async () => (await fetch(`http://127.0.0.1:${amPort}/-/ready`)).ok,
      30_000,
    );
    return stack;
  }

  async query(expr) {
    const r = await fetch(`${this.url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
    const body = await r.json();
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data.result;
  }

  /** The state of an alert in Prometheus: inactive, pending or firing. */
  async alertState(alertname) {
    const body = await (await fetch(`${this.url}/api/v1/alerts`)).json();
    return body.data.alerts.find((a) => a.labels.alertname === alertname)?.state ?? 'inactive';
  }

  until(what, check, timeoutMs = 90_000) {
    return until(what, check, timeoutMs);
  }

  async stop() {
    for (const p of this.processes ?? []) p.kill('SIGTERM');
    await Promise.all(
      (this.processes ?? []).map((p) =>
        p.exitCode === null ? new Promise((r) => p.once('exit', r)) : undefined,
      ),
    );
    await this.webhook?.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

module.exports = { PrometheusStack, until };
