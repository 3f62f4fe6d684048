// The soak's upstream: a real OTLP/gRPC server (grpc-js) and a real OTLP/HTTP server (node:http),
// both recording every span they receive by span id into one Recorder and answering by its
// current mode:
//   ok           success
//   unavailable  UNAVAILABLE / 503
//   invalid      INVALID_ARGUMENT / 400 (not retryable: the agent drops the batch)
//   throttle     RESOURCE_EXHAUSTED with RetryInfo 500 ms / 429 with Retry-After: 1
//   partial      success with partial_success: the request's last span rejected (not kept)
//   undecodable  OK / 200 with a body that is no Export response (the spans were taken)
const grpc = require('@grpc/grpc-js');
const { createServer } = require('node:http');
const { gunzipSync } = require('node:zlib');
const { rawExportService } = require('../dist/proto/raw-service.js');
const { signalSpecs } = require('../dist/proto/signals.js');
const { statusWithRetryDelay } = require('../dist/transport/retry-info.js');

const traces = signalSpecs.traces;
const undecodable = Buffer.from([0x0f, 0xff, 0xff, 0xff]);

class Recorder {
  constructor() {
    this.mode = 'ok';
    /** span id (hex) → times received */
    this.received = new Map();
    this.rejected = new Set();
    this.answered = {};
    this.requests = 0;
    this.lastSpanAt = 0;
  }

  /** Span ids of an Export request, in order. */
  spanIds(body) {
    const ids = [];
    const req = traces.request.decode(body);
    for (const rs of req.resourceSpans)
      for (const ss of rs.scopeSpans)
        for (const s of ss.spans) ids.push(Buffer.from(s.spanId).toString('hex'));
    return ids;
  }

  /** Records a request under the current mode; returns what to answer. */
  take(transport, body) {
    this.requests++;
    const mode = this.mode;
    const key = `${transport}:${mode}`;
    this.answered[key] = (this.answered[key] ?? 0) + 1;
    if (mode === 'unavailable' || mode === 'throttle' || mode === 'invalid') return { mode };
    const ids = this.spanIds(body);
    for (const id of ids) this.received.set(id, (this.received.get(id) ?? 0) + 1);
    if (ids.length > 0) this.lastSpanAt = Date.now();
    if (mode === 'partial' && ids.length > 0) {
      this.rejected.add(ids.at(-1));
      return { mode, rejected: 1 };
    }
    return { mode, rejected: 0 };
  }
}

function responseBody(answer) {
  if (answer.mode === 'undecodable') return undecodable;
  const partial = answer.rejected
    ? { partialSuccess: { rejectedSpans: answer.rejected, errorMessage: 'soak: last span rejected' } }
    : {};
  return Buffer.from(traces.response.encode(traces.response.fromObject(partial)).finish());
}

class GrpcFaultSink {
  constructor(recorder) {
    this.recorder = recorder;
    this.server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
    this.server.addService(rawExportService('traces'), {
      Export: (call, cb) => {
        const answer = this.recorder.take('grpc', call.request);
        if (answer.mode === 'unavailable')
          return cb({ code: grpc.status.UNAVAILABLE, details: 'soak: unavailable' });
        if (answer.mode === 'invalid')
          return cb({ code: grpc.status.INVALID_ARGUMENT, details: 'soak: invalid' });
        if (answer.mode === 'throttle') {
          const metadata = new grpc.Metadata();
          const code = grpc.status.RESOURCE_EXHAUSTED;
          metadata.set(
            'grpc-status-details-bin',
            Buffer.from(statusWithRetryDelay(code, 'soak: throttled', 500)),
          );
          return cb({ code, details: 'soak: throttled', metadata });
        }
        cb(null, responseBody(answer));
      },
    });
  }

  start() {
    return new Promise((resolve, reject) =>
      this.server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, port) =>
        err ? reject(err) : resolve((this.port = port)),
      ),
    );
  }

  stop() {
    this.server.forceShutdown();
  }
}

class HttpFaultSink {
  constructor(recorder) {
    this.recorder = recorder;
    this.server = createServer((req, res) => {
      const parts = [];
      req.on('data', (d) => parts.push(d));
      req.on('end', () => {
        let body = Buffer.concat(parts);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        if (req.url.split('?')[0] !== '/v1/traces') return res.writeHead(404).end();
        const answer = this.recorder.take('http', body);
        if (answer.mode === 'unavailable') return res.writeHead(503).end('soak: unavailable');
        if (answer.mode === 'invalid') return res.writeHead(400).end('soak: invalid');
        if (answer.mode === 'throttle')
          return res.writeHead(429, { 'retry-after': '1' }).end('soak: throttled');
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(responseBody(answer));
      });
    });
  }

  start() {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.port = this.server.address().port))),
    );
  }

  stop() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

module.exports = { GrpcFaultSink, HttpFaultSink, Recorder };
