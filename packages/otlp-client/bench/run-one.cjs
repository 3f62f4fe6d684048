// One measured run of one exporter, in a fresh process: node run-one.cjs <impl> <spans> <grpcPort> <httpPort>.
// Prints one JSON line: wall time, CPU seconds, peak RSS.
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resource, spanMaker } = require('./bench-spans.cjs');
const grpc = require('@grpc/grpc-js');
const { join } = require('node:path');
const { OtlpExporter, signalSpecs, toChunks } = require('../dist/index.js');

const [impl, nText, grpcPort, httpPort] = process.argv.slice(2);
const n = Number(nText);

/** The same N finished spans for every exporter, made before timing starts. */
async function makeSpans() {
  const make = spanMaker();
  const spans = make(n);
  await make.settle();
  return spans;
}

const hex = (s) => Buffer.from(s, 'hex');
const nanos = (t) => BigInt(t[0]) * 1_000_000_000n + BigInt(t[1]);
const anyValue = (v) =>
  typeof v === 'string'
    ? { stringValue: v }
    : typeof v === 'boolean'
      ? { boolValue: v }
      : Number.isInteger(v)
        ? { intValue: v }
        : { doubleValue: v };

/** ReadableSpan → OTLP span object: done inside the timed region, since our exporter takes OTLP. */
function toOtlp(spans) {
  return [
    {
      resource: {
        attributes: Object.entries(resource.attributes).map(([key, v]) => ({ key, value: anyValue(v) })),
      },
      scopeSpans: [
        {
          scope: { name: 'bench', version: '1.0.0' },
          spans: spans.map((s) => ({
            traceId: hex(s.spanContext().traceId),
            spanId: hex(s.spanContext().spanId),
            name: s.name,
            kind: s.kind + 1,
            startTimeUnixNano: nanos(s.startTime).toString(),
            endTimeUnixNano: nanos(s.endTime).toString(),
            attributes: Object.entries(s.attributes).map(([key, v]) => ({ key, value: anyValue(v) })),
            status: { code: s.status.code },
          })),
        },
      ],
    },
  ];
}

async function runOurs(spans, protocol) {
  const endpoint =
    protocol === 'grpc' ? `http://127.0.0.1:${grpcPort}` : `http://127.0.0.1:${httpPort}/v1/traces`;
  const e = new OtlpExporter({
    protocol,
    endpoint,
    env: {},
    signals: ['traces'],
    batch: { maxItems: 512, flushIntervalMs: 5 },
    queue: { maxItems: n, maxBytes: 2 ** 31 - 1 },
    // Its default (4) unless BENCH_IN_FLIGHT says otherwise.
    ...(process.env.BENCH_IN_FLIGHT ? { maxInFlight: Number(process.env.BENCH_IN_FLIGHT) } : {}),
  });
  for (let i = 0; i < spans.length; i += 512) e.exportSpans(spans.slice(i, i + 512));
  await e.shutdown(120_000);
  const s = e.stats('traces');
  if (s.exported !== n) throw new Error(`ours exported ${s.exported} of ${n}`);
}

async function runOfficial(spans, kind) {
  const Exporter =
    kind === 'grpc'
      ? require('@opentelemetry/exporter-trace-otlp-grpc').OTLPTraceExporter
      : require('@opentelemetry/exporter-trace-otlp-proto').OTLPTraceExporter;
  const url = kind === 'grpc' ? `http://127.0.0.1:${grpcPort}` : `http://127.0.0.1:${httpPort}/v1/traces`;
  const exporter = new Exporter({ url });
  let exported = 0;
  const counting = {
    export: (batch, cb) =>
      exporter.export(batch, (r) => {
        if (r.code === 0) exported += batch.length;
        cb(r);
      }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  };
  // Tuned for throughput: a queue that holds the whole run, full 512-span batches, no idle delay.
  const bsp = new BatchSpanProcessor(counting, {
    maxQueueSize: n,
    maxExportBatchSize: 512,
    scheduledDelayMillis: 5,
    exportTimeoutMillis: 60_000,
  });
  for (const s of spans) bsp.onEnd(s);
  // Let the processor drain at its own pace (forceFlush on a full queue starts every batch at
  // once and overruns the exporter's concurrency limit); poll until every span is acknowledged.
  while (exported < n) await new Promise((r) => setTimeout(r, 2));
  await bsp.shutdown();
  if (exported !== n) throw new Error(`official ${kind} exported ${exported} of ${n}`);
}

/** The floor: protobufjs encode of the same OTLP objects and a bare grpc-js unary call per batch, 2 in flight. */
async function runFloor(spans) {
  const client = new grpc.Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure());
  const path = signalSpecs.traces.grpcPath;
  const bodies = [];
  for (let i = 0; i < spans.length; i += 512)
    bodies.push(
      signalSpecs.traces.request.encode({ resourceSpans: toOtlp(spans.slice(i, i + 512)) }).finish(),
    );
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = Buffer.from(bodies[next++]);
      await new Promise((resolve, reject) =>
        client.makeUnaryRequest(
          path,
          (b) => b,
          (b) => b,
          body,
          new grpc.Metadata(),
          {},
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    }
  };
  await Promise.all([worker(), worker()]);
  client.close();
}

function runEncodeOnly(spans) {
  let size = 0;
  for (let i = 0; i < spans.length; i += 512)
    size += toChunks('traces', toOtlp(spans.slice(i, i + 512)), 512).reduce((a, c) => a + c.bytes.length, 0);
  return size;
}

/**
 * BENCH_CPU_PROFILE=<dir>: a V8 CPU profile of the timed region only (not the span making),
 * written as <dir>/<impl>.cpuprofile for Chrome DevTools or `node --cpu-prof`-style tools.
 */
async function startProfile() {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return undefined;
  const { Session } = require('node:inspector');
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post('Profiler.stop');
      require('node:fs').writeFileSync(join(dir, `${impl}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

async function main() {
  // A run that cannot finish (an exporter stuck on an error) must not hang the benchmark.
  setTimeout(() => {
    console.error(`${impl}: no result within 10 minutes`);
    process.exit(2);
  }, 600_000).unref();
  const spans = await makeSpans();
  global.gc?.();
  const profile = await startProfile();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  if (impl === 'ours-grpc') await runOurs(spans, 'grpc');
  else if (impl === 'ours-http') await runOurs(spans, 'http/protobuf');
  else if (impl === 'official-grpc') await runOfficial(spans, 'grpc');
  else if (impl === 'official-proto') await runOfficial(spans, 'proto');
  else if (impl === 'floor-grpc') await runFloor(spans);
  else if (impl === 'encode-only') runEncodeOnly(spans);
  else throw new Error(`unknown impl ${impl}`);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await profile?.stop();
  process.stdout.write(
    JSON.stringify({
      impl,
      spans: n,
      wall,
      cpu: (cpu.user + cpu.system) / 1e6,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }) + '\n',
  );
  process.exit(0);
}

process.on('uncaughtException', (err) => {
  console.error(err);
  process.exit(1);
});
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
