#!/usr/bin/env node
// `nx run otlp-client:observability-e2e` (every alert) and, shortened, part of `npm test`
// (`observability-short`: the breaker and the agent-down alerts): the real agent, under load from
// the official OpenTelemetry SDK, in front of a real OTLP sink behind a fault proxy, watched by
// Debian's Prometheus and Alertmanager configured from what the chart renders (its PrometheusRule,
// its ServiceMonitor's scrape settings as a static job, short `for:` durations set through values).
// Each fault fires its alert, Alertmanager notifies a webhook of the firing and the resolution with
// the labels a runbook needs, every dashboard panel query returns data, and the prometheus-adapter
// rule yields, per pod, the request rate the load sent. Last line:
//   observability-e2e fired=N/N resolved=N/N notified=N/N panels_with_data=N/N hpa_metric_error_pct=X
const { spawnSync } = require('node:child_process');
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { AgentProcess, writeFile } = require('../soak/agent-process.cjs');
const { FaultProxy } = require('../soak/fault-proxy.cjs');
const { freePorts } = require('../soak/free-ports.cjs');
const { GrpcFaultSink, Recorder } = require('../soak/fault-sinks.cjs');
const { renderChartMonitoring } = require('./chart-monitoring.cjs');
const { PrometheusStack } = require('./prometheus-stack.cjs');

const full = process.argv.includes('--full');
const resultsFile = process.argv.includes('--results')
  ? join(__dirname, '..', '..', '..', 'test-results', 'otlp-client-observability.json')
  : undefined;
const release = 'otlp';
const namespace = 'observability';
const pod = 'otlp-otlp-client-0';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The SDK side: spans through a BatchSpanProcessor, one export request every ~100 ms; records when. */
function startLoad(grpcPort) {
  const sentAt = [];
  const official = new OTLPTraceExporter({ url: `http://127.0.0.1:${grpcPort}`, timeoutMillis: 60_000 });
  const exporter = {
    export(spans, done) {
      sentAt.push(Date.now());
      official.export(spans, done);
    },
    shutdown: () => official.shutdown(),
    forceFlush: () => Promise.resolve(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'observability-e2e' }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        maxQueueSize: 50_000,
        maxExportBatchSize: 50,
        scheduledDelayMillis: 100,
        exportTimeoutMillis: 120_000,
      }),
    ],
  });
  const tracer = provider.getTracer('observability-e2e');
  const timer = setInterval(() => {
    for (let i = 0; i < 20; i++) tracer.startSpan('GET /cart').end();
  }, 100);
  return {
    /** Export requests per second the SDK sent over the last `seconds`. */
    rate(seconds) {
      const since = Date.now() - seconds * 1000;
      return sentAt.filter((t) => t >= since).length / seconds;
    },
    async stop() {
      clearInterval(timer);
      await provider.shutdown().catch(() => {});
    },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'observability-e2e-'));
  const recorder = new Recorder();
  const sink = new GrpcFaultSink(recorder);
  const proxy = await new FaultProxy(await sink.start()).start();
  const [grpcPort, httpPort, monitoringPort] = await freePorts(3);
  // Short `for:` and windows through values, so the test runs in minutes; the defaults stay the plan's.
  const rateWindow = '10s';
  const chart = renderChartMonitoring(release, namespace, [
    `config.otlp.endpoint=http://127.0.0.1:${proxy.port}`,
    `config.receivers.grpc.port=${grpcPort}`,
    `config.receivers.http.port=${httpPort}`,
    `config.monitoring.port=${monitoringPort}`,
    'monitoring.prometheusRule.enabled=true',
    'monitoring.serviceMonitor.enabled=true',
    'monitoring.serviceMonitor.interval=1s',
    'monitoring.serviceMonitor.scrapeTimeout=1s',
    'monitoring.grafanaDashboard.enabled=true',
    `monitoring.prometheusRule.rateWindow=${rateWindow}`,
    'monitoring.prometheusRule.for.down=3s',
    'monitoring.prometheusRule.for.highErrorRate=3s',
    'monitoring.prometheusRule.for.highLatency=3s',
    'monitoring.prometheusRule.for.circuitBreakerOpen=3s',
    'autoscaling.requestsPerSecond.enabled=true',
    `autoscaling.requestsPerSecond.adapterRule.rateWindow=${rateWindow}`,
  ]);
  const configFile = writeFile(dir, 'config.toml', chart.configToml);
  const env = {
    PATH: process.env.PATH,
    POD_NAME: pod,
    POD_NAMESPACE: namespace,
    MEMORY_LIMIT_BYTES: String(chart.memoryLimitBytes),
  };
  let agent = new AgentProcess(configFile, env);
  await agent.ready(monitoringPort);
  // The labels the Operator's ServiceMonitor gives a target.
  const labels = { namespace, service: chart.service, pod, container: 'otlp-client', endpoint: 'http' };
  const stack = await PrometheusStack.start({
    groups: chart.groups,
    scrape: chart.scrape,
    target: `127.0.0.1:${monitoringPort}`,
    labels,
  });
  const load = startLoad(grpcPort);
  const results = [];
  const check = (name, ok, detail = '') => {
    results.push({ name, ok });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
  };
  const alerts = full
    ? ['OTLPClientCircuitBreakerOpen', 'OTLPClientHighErrorRate', 'OTLPClientHighLatency', 'OTLPClientDown']
    : ['OTLPClientCircuitBreakerOpen', 'OTLPClientDown'];
  const tally = { fired: 0, resolved: 0, notified: 0 };
  try {
    await stack.until(
      'the agent scraped',
      async () => (await stack.query(`up{pod="${pod}"} == 1`)).length > 0,
      30_000,
    );
    // Refused requests (a malformed OTLP/HTTP body) for the dashboard's refused panel.
    for (let i = 0; i < 3; i++)
      await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf' },
        body: Buffer.from([0xff, 0xff]),
      });
    await sleep(15_000);

    const adapter = chart.adapterRules[0];
    const seriesName = adapter.name.matches.replace(/^\^|\$$/g, '');
    const adapterQuery = adapter.metricsQuery
      .replace('<<.Series>>', seriesName)
      .replace('<<.LabelMatchers>>', `namespace="${namespace}",pod=~"${pod}"`)
      .replace('<<.GroupBy>>', 'pod');
    const served = await stack.query(adapterQuery);
    const sent = load.rate(10);
    const perPod = Number(served.find((s) => s.metric.pod === pod)?.value[1] ?? NaN);
    const hpaErrorPct = (Math.abs(perPod - sent) / sent) * 100;
    check(
      `the adapter rule serves ${adapter.name.as} for ${pod}: ${perPod.toFixed(2)}/s against ${sent.toFixed(2)}/s sent`,
      hpaErrorPct <= 10,
      `${hpaErrorPct.toFixed(1)}% off`,
    );

    const faults = {
      OTLPClientCircuitBreakerOpen: {
        start: () => proxy.setMode('refuse'),
        end: () => proxy.setMode('pass'),
      },
      OTLPClientHighErrorRate: {
        start: () => (recorder.mode = 'invalid'),
        end: () => (recorder.mode = 'ok'),
      },
      OTLPClientHighLatency: {
        start: () => ((proxy.latencyMs = 1500), proxy.setMode('latency')),
        end: () => proxy.setMode('pass'),
      },
      OTLPClientDown: {
        start: () => agent.kill(),
        end: async () => {
          await agent.exit;
          agent = new AgentProcess(configFile, env);
          await agent.ready(monitoringPort);
        },
      },
    };
    for (const alertname of alerts) {
      const started = Date.now();
      await faults[alertname].start();
      let pendingSeen = false;
      const fired = await stack
        .until(`${alertname} firing`, async () => {
          const state = await stack.alertState(alertname);
          if (state === 'pending') pendingSeen = true;
          return state === 'firing';
        })
        .then(
          () => true,
          () => false,
        );
      const firedNote = stack.webhook.notified(alertname, 'firing');
      await stack
        .until(
          `${alertname} firing notification`,
          async () => stack.webhook.notified(alertname, 'firing'),
          30_000,
        )
        .catch(() => {});
      await faults[alertname].end();
      const resolved = await stack
        .until(
          `${alertname} resolved`,
          async () => (await stack.alertState(alertname)) === 'inactive',
          120_000,
        )
        .then(
          () => true,
          () => false,
        );
      await stack
        .until(
          `${alertname} resolved notification`,
          async () => stack.webhook.notified(alertname, 'resolved'),
          30_000,
        )
        .catch(() => {});
      const firing = stack.webhook.notified(alertname, 'firing') ?? firedNote;
      const resolution = stack.webhook.notified(alertname, 'resolved');
      const runbookLabels = ['alertname', 'severity', 'namespace', 'pod'];
      const notified = Boolean(
        firing && resolution && runbookLabels.every((l) => firing.labels[l] && resolution.labels[l]),
      );
      check(
        `${alertname}: ${pendingSeen ? 'pending, then ' : ''}firing`,
        fired,
        `${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      check(`${alertname}: resolved once the fault ended`, resolved);
      check(
        `${alertname}: Alertmanager notified firing and resolved with ${runbookLabels.join(', ')}`,
        notified,
        firing ? JSON.stringify(firing.labels) : 'no notification',
      );
      tally.fired += fired ? 1 : 0;
      tally.resolved += resolved ? 1 : 0;
      tally.notified += notified ? 1 : 0;
    }
    // The agent restarted with the last fault, so its counters did too: a burst of refused
    // batches gives the drops-by-reason panel something to show (a counter appears once counted).
    // Until Prometheus has seen a drop: after the restart the SDK may still be reconnecting.
    recorder.mode = 'invalid';
    await stack
      .until(
        'a counted drop',
        async () => (await stack.query(`otlp_items_dropped_total{pod="${pod}"}`)).length > 0,
        60_000,
      )
      .catch(() => {});
    recorder.mode = 'ok';
    await sleep(3000);

    // Every dashboard panel query, with the dashboard's variables as Grafana fills them.
    const fill = (expr) =>
      expr
        .replace(/\$namespace/g, namespace)
        .replace(/\$service/g, chart.service)
        .replace(/\$pod/g, '.*')
        .replace(/\$__rate_interval/g, '1m')
        .replace(/\$__range/g, '10m');
    const targets = chart.dashboard.panels.flatMap((p) =>
      p.targets.map((t) => ({ panel: p.title, expr: fill(t.expr) })),
    );
    let withData = 0;
    for (const t of targets) {
      const result = await stack.query(t.expr).catch((err) => (console.error(err.message), []));
      if (result.length > 0) withData++;
      else console.log(`     no data: ${t.panel}: ${t.expr}`);
    }
    check(
      `every dashboard panel query returns data (${withData}/${targets.length})`,
      withData === targets.length,
    );

    // tools/deploy/monitor.sh's Prometheus part against this Prometheus (no cluster here: `true`
    // stands in for kubectl, so the Kubernetes sections report nothing).
    const monitor = spawnSync(
      'bash',
      [join(__dirname, '..', '..', '..', 'tools', 'deploy', 'monitor.sh'), '-n', namespace, '-r', release],
      {
        encoding: 'utf8',
        env: { ...process.env, KUBECTL: 'true', PROMETHEUS_URL: stack.url },
      },
    );
    const metricLines = monitor.stdout
      .split('\n')
      .filter((l) => /^(request rate|error ratio|p95 latency|breaker state|queue fill)/.test(l));
    const numeric = metricLines.filter((l) => /\s-?[0-9.e+-]+$/.test(l.trim()));
    check(
      `monitor.sh reads the five agent metrics from Prometheus (${numeric.length}/5 with a value)`,
      monitor.status === 0 && numeric.length === 5,
      metricLines.join('; '),
    );
    console.log(
      `observability-e2e fired=${tally.fired}/${alerts.length} resolved=${tally.resolved}/${alerts.length} notified=${tally.notified}/${alerts.length} panels_with_data=${withData}/${targets.length} hpa_metric_error_pct=${hpaErrorPct.toFixed(1)}`,
    );
  } finally {
    await load.stop();
    agent.kill();
    await stack.stop();
    await proxy.stop();
    sink.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  if (resultsFile) {
    mkdirSync(join(resultsFile, '..'), { recursive: true });
    writeFileSync(
      resultsFile,
      JSON.stringify({ runner: 'observability-e2e', passed: results.length - failed, failed, skipped: 0 }),
    );
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
