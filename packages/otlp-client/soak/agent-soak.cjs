#!/usr/bin/env node
// `nx run otlp-client:soak` (SOAK_SECONDS, default 600) and, shortened, part of `npm test`: the
// official OpenTelemetry JS SDK sends spans at a steady rate into a real agent (`otlp-client run`
// with the config.toml the chart renders: shipped defaults, only endpoint and ports set), whose
// upstream is a real OTLP sink behind a fault proxy. The schedule plays every fault, an outage
// longer than the breaker cooldown, and halfway a SIGTERM and restart (the upstream protocol
// switches from gRPC to HTTP with it). At the end: every span acknowledged to the SDK reached the
// sink or was counted as dropped by the agent, and nothing was dropped. Last line:
//   agent-soak acked=N delivered=N dropped=N duplicates=N crashes=0 max_rss_mib=N recovery_ms=N
const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { AgentProcess, chartConfig, writeFile } = require('./agent-process.cjs');
const { FaultProxy } = require('./fault-proxy.cjs');
const { freePorts } = require('./free-ports.cjs');
const { GrpcFaultSink, HttpFaultSink, Recorder } = require('./fault-sinks.cjs');
const { soakSchedule } = require('./schedule.cjs');

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const rate = Number(process.env.SOAK_RATE ?? 500); // spans per second
const resultsFile = process.argv.includes('--results')
  ? join(__dirname, '..', '..', '..', 'test-results', 'otlp-client-soak.json')
  : undefined;
const recoveryLimitMs = 5000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The SDK side: spans at `rate`/s through a BatchSpanProcessor; counts what the agent acknowledged. */
function startLoad(grpcPort) {
  const acked = new Set();
  let failedExports = 0;
  // A client deadline far above any fault: an answer the agent gave must not be counted as refused.
  const official = new OTLPTraceExporter({ url: `http://127.0.0.1:${grpcPort}`, timeoutMillis: 60_000 });
  const exporter = {
    export(spans, done) {
      official.export(spans, (result) => {
        if (result.code === 0) for (const s of spans) acked.add(s.spanContext().spanId);
        else failedExports++;
        done(result);
      });
    },
    shutdown: () => official.shutdown(),
    forceFlush: () => official.forceFlush?.() ?? Promise.resolve(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'soak', 'service.instance.id': 'soak-1' }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, {
        maxQueueSize: 50_000,
        maxExportBatchSize: 200,
        scheduledDelayMillis: 100,
        exportTimeoutMillis: 120_000,
      }),
    ],
  });
  const tracer = provider.getTracer('soak', '1.0.0');
  const perTick = Math.max(1, Math.round(rate / 10));
  let made = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++) {
      const span = tracer.startSpan('GET /cart', {
        attributes: { 'http.route': '/cart', 'http.status_code': 200, 'soak.index': made++ },
      });
      span.end();
    }
  }, 100);
  return {
    acked,
    made: () => made,
    failedExports: () => failedExports,
    async stop() {
      clearInterval(timer);
      await provider.forceFlush();
      await provider.shutdown();
    },
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'agent-soak-'));
  const recorder = new Recorder();
  const grpcSink = new GrpcFaultSink(recorder);
  const httpSink = new HttpFaultSink(recorder);
  const proxies = {
    grpc: await new FaultProxy(await grpcSink.start()).start(),
    'http/protobuf': await new FaultProxy(await httpSink.start()).start(),
  };
  const [grpcPort, httpPort, monitoringPort] = await freePorts(3);
  const env = {
    PATH: process.env.PATH,
    POD_NAME: 'otlp-client-soak-0',
    POD_NAMESPACE: 'soak',
    NODE_NAME: 'node-soak',
    // SOAK_AGENT_LOG_LEVEL=debug: the agents' retry decisions in the failure report.
    ...(process.env.SOAK_AGENT_LOG_LEVEL ? { LOG_LEVEL: process.env.SOAK_AGENT_LOG_LEVEL } : {}),
  };
  let memoryLimitMiB = 0;
  const configFor = (protocol) => {
    const rendered = chartConfig([
      `config.otlp.endpoint=http://127.0.0.1:${proxies[protocol].port}`,
      `config.otlp.protocol=${protocol}`,
      `config.receivers.grpc.port=${grpcPort}`,
      `config.receivers.http.port=${httpPort}`,
      `config.monitoring.port=${monitoringPort}`,
    ]);
    memoryLimitMiB = rendered.memoryLimitMiB;
    return writeFile(dir, `config-${protocol.replace('/', '-')}.toml`, rendered.toml);
  };

  const agents = [];
  let crashes = 0;
  const launch = async (protocol) => {
    const agent = new AgentProcess(configFor(protocol), env);
    void agent.exit.then(({ code, signal }) => {
      if (!agent.expectedExit) {
        crashes++;
        console.error(`agent-soak: the agent exited unexpectedly (code ${code}, signal ${signal})`);
      }
    });
    agents.push(agent);
    await agent.ready(monitoringPort);
    return agent;
  };

  const recoveries = [];
  let receivedAtRestart = 0;
  const stops = [];
  const load = { current: undefined };
  let agent;
  try {
    let protocol = 'grpc';
    agent = await launch(protocol);
    load.current = startLoad(grpcPort);
    const started = Date.now();
    let restarted = false;
    for (const step of soakSchedule(seconds)) {
      if (crashes > 0) break;
      if (!restarted && step.fault === 'ok' && Date.now() - started >= (seconds * 1000) / 2) {
        // Halfway: SIGTERM (drain within shutdown_grace) and a new process, upstream over HTTP now.
        console.log(`agent-soak: ${((Date.now() - started) / 1000).toFixed(1)} s: SIGTERM and restart`);
        // The step before may have been a fault: the stop happens with a healthy upstream.
        await proxies[protocol].setMode('pass');
        recorder.mode = 'ok';
        stops.push(await agent.stop());
        receivedAtRestart = recorder.received.size;
        protocol = 'http/protobuf';
        agent = await launch(protocol);
        restarted = true;
      }
      const proxy = proxies[protocol];
      const network = ['refuse', 'reset', 'latency', 'blackhole'].includes(step.fault);
      await proxy.setMode(network ? step.fault : 'pass');
      recorder.mode = network ? 'ok' : step.fault;
      await sleep(step.seconds * 1000);
      if (step.fault === 'refuse' || step.fault === 'blackhole') {
        // The upstream is back: how long until spans flow again.
        const back = Date.now();
        await proxy.setMode('pass');
        recorder.mode = 'ok';
        while (recorder.lastSpanAt < back && Date.now() - back < 30_000) await sleep(20);
        recoveries.push(recorder.lastSpanAt >= back ? recorder.lastSpanAt - back : Infinity);
      }
    }
    await proxies[protocol].setMode('pass');
    recorder.mode = 'ok';
    await load.current.stop();
    stops.push(await agent.stop());
  } finally {
    for (const a of agents) a.kill();
    grpcSink.stop();
    httpSink.stop();
    for (const p of Object.values(proxies)) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  const acked = load.current.acked;
  let duplicates = 0;
  for (const n of recorder.received.values()) duplicates += n - 1;
  const missing = [...acked].filter((id) => !recorder.received.has(id)).length;
  const dropped = stops.reduce(
    (n, s) => n + Object.values(s.stopped?.totals?.dropped ?? { unknown: NaN }).reduce((a, b) => a + b, 0),
    0,
  );
  const maxRss = Math.max(...agents.map((a) => a.peakRssMiB));
  const recoveryMs = recoveries.length ? Math.max(...recoveries) : NaN;
  const exercised = (key) => (recorder.answered[key] ?? 0) > 0;
  const faultsSeen = ['grpc', 'http'].flatMap((t) =>
    ['unavailable', 'throttle', 'partial', 'undecodable'].map((m) => [`${t}:${m}`, exercised(`${t}:${m}`)]),
  );
  const proxyCounts = Object.values(proxies).map((p) => p.counts);
  const checks = [
    ['the agent never exited on its own', crashes === 0],
    [
      'each SIGTERM exited 0 with the queue drained',
      stops.length === 2 &&
        stops.every((s) => s.exit.code === 0 && s.stopped?.msg === 'stopped; queue drained'),
    ],
    [
      `spans reached the sink before (${receivedAtRestart}) and after the restart`,
      receivedAtRestart > 0 && recorder.received.size > receivedAtRestart,
    ],
    [`every acknowledged span reached the sink (${missing} missing)`, missing === 0],
    [`nothing dropped (${dropped})`, dropped === 0],
    [
      `peak RSS ${maxRss.toFixed(0)} MiB under the chart's limit ${memoryLimitMiB} MiB`,
      maxRss < memoryLimitMiB,
    ],
    [
      `recovery ${recoveryMs} ms after the upstream returned, under ${recoveryLimitMs} ms`,
      recoveryMs < recoveryLimitMs,
    ],
    ...faultsSeen.map(([key, seen]) => [`fault ${key} answered`, seen]),
    [
      'network faults played (resets, delayed and swallowed chunks)',
      proxyCounts.some((c) => c.resets > 0) &&
        proxyCounts.some((c) => c.delayedChunks > 0) &&
        proxyCounts.some((c) => c.swallowedChunks > 0),
    ],
  ];
  for (const [name, ok] of checks) console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  const failed = checks.filter(([, ok]) => !ok).length;
  stops.forEach((s, i) => {
    const { drainedMs, dropped: stopDropped, totals } = s.stopped ?? {};
    console.log(
      `stop ${i + 1}: exit ${s.exit.code}, drained in ${drainedMs} ms, dropped ${stopDropped}, totals ${JSON.stringify(totals)}`,
    );
  });
  if (failed > 0)
    // What the agents said about it: their warnings and errors, last first.
    for (const [i, a] of agents.entries())
      for (const line of a.lines.filter((l) => !/partially accepted/.test(String(l.msg))).slice(-40))
        console.log(`agent ${i + 1}: ${JSON.stringify(line)}`);
  console.log(
    `made=${load.current.made()} failed_sdk_exports=${load.current.failedExports()} rejected_by_upstream=${recorder.rejected.size} sink_requests=${recorder.requests} recoveries_ms=${recoveries.join(',')}`,
  );
  if (resultsFile) {
    mkdirSync(join(resultsFile, '..'), { recursive: true });
    writeFileSync(
      resultsFile,
      JSON.stringify({ runner: 'soak', passed: checks.length - failed, failed, skipped: 0 }),
    );
  }
  console.log(
    `agent-soak acked=${acked.size} delivered=${recorder.received.size} dropped=${dropped} duplicates=${duplicates} crashes=${crashes} max_rss_mib=${maxRss.toFixed(0)} recovery_ms=${recoveryMs}`,
  );
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
