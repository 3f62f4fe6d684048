// The spans every benchmark sends: made with the official SDK, ~10 attributes each, shaped like
// an HTTP server's spans.
const {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const resource = resourceFromAttributes({ 'service.name': 'bench', 'host.name': 'bench-host' });

/** A factory of finished spans: `make(n, offset)` returns n new spans, ended now; `make.settle()` waits for the SDK's own timers. */
function spanMaker() {
  const mem = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(mem)] });
  const tracer = provider.getTracer('bench', '1.0.0');
  const make = (n, offset = 0) => {
    mem.reset();
    for (let i = offset; i < offset + n; i++)
      tracer
        .startSpan(`GET /api/items/${i % 100}`, {
          kind: 2,
          attributes: {
            'http.request.method': 'GET',
            'http.route': '/api/items/:id',
            'http.response.status_code': 200,
            'url.path': `/api/items/${i % 100}`,
            'server.address': 'api.internal',
            'server.port': 8080,
            'user_agent.original': 'bench/1.0',
            'network.protocol.version': '1.1',
            'client.address': '10.0.0.1',
            'app.item_id': i,
          },
        })
        .end();
    return mem.getFinishedSpans().slice();
  };
  // SimpleSpanProcessor hands each span to the in-memory exporter through a timer: wait for all
  // of them, or they fire inside the next timed region and bill their cost to whoever runs there.
  make.settle = () => provider.forceFlush();
  return make;
}

module.exports = { resource, spanMaker };
