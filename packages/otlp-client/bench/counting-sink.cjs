// The agent benchmark's upstream, in its own process: a grpc-js OTLP trace server that counts
// spans without decoding them (the agent's own slicer) and, when asked, records each request's
// latency: arrival time minus the newest span end time in it (the load generator ends spans just
// before it sends them).
const grpc = require('@grpc/grpc-js');
const { rawExportService } = require('../dist/proto/raw-service.js');
const { sliceRequest } = require('../dist/agent/ingest/request-slicer.js');
const { signalSpecs } = require('../dist/proto/signals.js');

const empty = Buffer.alloc(0);
const type = signalSpecs.traces.request;
let spans = 0;
let latencies = [];
let recordLatency = false;

function newestEndMs(body) {
  let newest = 0;
  const req = type.decode(body);
  for (const rs of req.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const s of ss.spans)
        newest = Math.max(newest, Number(BigInt(s.endTimeUnixNano.toString()) / 1_000n) / 1000);
  return newest;
}

const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
server.addService(rawExportService('traces'), {
  Export: (call, cb) => {
    const arrived = performance.timeOrigin + performance.now();
    for (const c of sliceRequest('traces', call.request, Number.MAX_SAFE_INTEGER)) spans += c.items;
    if (recordLatency) latencies.push([arrived, arrived - newestEndMs(call.request)]);
    cb(null, empty);
  },
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  process.send({ port });
});
process.on('message', (m) => {
  if (m.cmd === 'count') process.send({ spans });
  if (m.cmd === 'reset') {
    spans = 0;
    latencies = [];
    recordLatency = !!m.latency;
    process.send({ ok: true });
  }
  if (m.cmd === 'latencies') process.send({ latencies });
  if (m.cmd === 'stop') process.exit(0);
});
