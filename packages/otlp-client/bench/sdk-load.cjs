// Load generator of the agent benchmark: the official OpenTelemetry JS SDK's gRPC exporter.
//   node sdk-load.cjs max <spans> <port>        export pre-made spans as fast as the exporter goes
//   node sdk-load.cjs rate <spans/s> <port> <s> end and export 100-span batches at a fixed rate
// Prints one JSON line when done.
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { spanMaker } = require('./bench-spans.cjs');

const [mode, amountText, port, secondsText] = process.argv.slice(2);
const amount = Number(amountText);
const makeSpans = spanMaker();

const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${port}`, timeoutMillis: 30_000 });
const send = (batch) =>
  new Promise((resolve) => exporter.export(batch, (r) => resolve(r.code === 0 ? batch.length : 0)));

async function max() {
  const spans = makeSpans(amount);
  const batches = [];
  for (let i = 0; i < spans.length; i += 512) batches.push(spans.slice(i, i + 512));
  const started = Date.now();
  let ok = 0;
  let next = 0;
  // 8 exports in flight, below the exporter's own concurrency limit.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const acknowledged = await send(batches[next++]);
        ok += acknowledged; // not `ok += await …`: that reads ok before the await
      }
    }),
  );
  return { started, ok };
}

async function rate() {
  const seconds = Number(secondsText);
  const perTick = 100;
  const intervalMs = (perTick / amount) * 1000;
  const started = Date.now();
  const pending = [];
  for (let tick = 0; Date.now() - started < seconds * 1000; tick++) {
    const due = started + tick * intervalMs;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(send(makeSpans(perTick, tick * perTick)));
  }
  const ok = (await Promise.all(pending)).reduce((a, b) => a + b, 0);
  return { started, ok };
}

(mode === 'max' ? max() : rate()).then(async (r) => {
  await exporter.shutdown();
  console.log(JSON.stringify(r));
});
