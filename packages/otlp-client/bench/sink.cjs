// The benchmark's upstream: a grpc-js OTLP trace server and an HTTP one, in their own process so
// their CPU is not charged to the exporter under test. Answers every export with an empty
// (full-success) response; counts requests and bytes.
const http2 = require('node:http2');
// Flow-control windows like grpc-go's (the OpenTelemetry Collector's receiver), which grows them
// by bandwidth-delay estimation: grpc-js's server keeps HTTP/2's 64 KiB default, and the exporters
// would then measure the sink's WINDOW_UPDATE round trips instead of their own cost.
const window = 16 * 1024 * 1024;
const createServer = http2.createServer;
http2.createServer = (options, ...rest) => {
  const server = createServer(
    { ...options, settings: { ...options?.settings, initialWindowSize: window } },
    ...rest,
  );
  server.on('session', (session) => session.setLocalWindowSize(window));
  return server;
};
const grpc = require('@grpc/grpc-js');
const { rawExportService } = require('../dist/proto/raw-service.js');
const http = require('node:http');

const empty = Buffer.alloc(0);
let requests = 0;
let bytes = 0;
const server = new grpc.Server({ 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
const path = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
server.addService(rawExportService('traces'), {
  Export: (call, cb) => {
    requests++;
    bytes += call.request.length;
    cb(null, empty);
  },
});
const web = http.createServer((req, res) => {
  req.on('data', (c) => (bytes += c.length));
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  });
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, grpcPort) => {
  if (err) throw err;
  web.listen(0, '127.0.0.1', () => process.send({ grpcPort, httpPort: web.address().port }));
});
process.on('message', (m) => {
  if (m === 'stats') process.send({ requests, bytes });
  if (m === 'stop') process.exit(0);
});
