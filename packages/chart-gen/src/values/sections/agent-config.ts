import { bool, duration, int, obj, str, stringMap } from '../dsl.js';

/**
 * The agent's config.toml ([otlp], [resilience], [monitoring] from the deployment plan, extended). The chart
 * renders `config` into the ConfigMap key by key, and schemas/otlp-client-config.schema.json is
 * generated from this same node, so the chart and the agent cannot disagree on a key.
 */
export const agentConfig = obj(
  'Agent configuration, rendered verbatim into config.toml (see schemas/otlp-client-config.schema.json).',
  {
    otlp: obj('Upstream OTLP endpoint the agent forwards to.', {
      endpoint: str({
        description:
          'Upstream OTLP endpoint URL (Jaeger or an OpenTelemetry Collector). Jaeger accepts OTLP on 4317 (gRPC) and 4318 (HTTP).',
        default: 'http://jaeger-collector.jaeger.svc:4317',
        pattern: '^https?://[^\\s/]+(:[0-9]{1,5})?(/.*)?$',
        examples: ['http://otel-collector.observability.svc:4317', 'https://collector.example.com:4318'],
      }),
      protocol: str({
        description: 'OTLP transport to the upstream.',
        default: 'grpc',
        enum: ['grpc', 'http/protobuf'],
      }),
      batch_size: int({
        description: 'Most items (spans, data points, log records) per export request.',
        default: 100,
        minimum: 1,
        maximum: 100000,
      }),
      flush_interval: duration({
        description:
          'How long a partly filled batch waits for more items before it is sent (full batches go at once).',
        default: '200ms',
      }),
      timeout: duration({ description: 'Deadline of one export request.', default: '5s' }),
      compression: str({
        description: 'Compression of export requests.',
        default: 'gzip',
        enum: ['gzip', 'none'],
      }),
      headers: stringMap(
        'Extra headers (gRPC metadata) sent with every export, e.g. an authorization token.',
        {},
        [{ authorization: 'Bearer …' }],
      ),
      tls: obj(
        'TLS to an https:// upstream, from files (mount them with extraVolumes). Empty means the system CAs and no client certificate.',
        {
          ca_file: str({
            description: 'PEM file of the CA(s) that sign the upstream certificate.',
            default: '',
          }),
          cert_file: str({ description: 'PEM client certificate for mTLS (with key_file).', default: '' }),
          key_file: str({ description: 'PEM private key of cert_file.', default: '' }),
        },
      ),
    }),
    resilience: obj('Retries and circuit breaker for upstream exports.', {
      max_retries: int({
        description:
          'Retries of a failed export in a row, with backoff (retryable errors only, as the OTLP spec defines them); then the batch goes back to the queue to wait. It is never dropped for this: only max_elapsed drops.',
        default: 3,
        minimum: 0,
        maximum: 20,
      }),
      retry_delay: duration({
        description: 'Initial backoff before the first retry; doubles with jitter.',
        default: '100ms',
      }),
      max_retry_delay: duration({ description: 'Cap of one backoff interval.', default: '5s' }),
      max_elapsed: duration({
        description:
          'Retry budget: a batch still failing this long after its first failure is dropped (retries_exhausted). An upstream outage shorter than this loses nothing while the queue has room.',
        default: '300s',
      }),
      circuit_breaker_threshold: int({
        description: 'Consecutive failed exports that open the circuit breaker.',
        default: 5,
        minimum: 1,
      }),
      circuit_breaker_cooldown: duration({
        description:
          'How long the breaker stays open before a half-open probe (one request): it bounds how long the agent takes to notice that the upstream is back.',
        default: '2s',
      }),
    }),
    queue: obj('In-memory queue between receivers and exporter.', {
      max_items: int({
        description:
          'Most queued items; when full, receivers answer 429 / RESOURCE_EXHAUSTED (backpressure).',
        default: 10000,
        minimum: 1,
      }),
      max_bytes: int({ description: 'Most queued bytes (encoded).', default: 33554432, minimum: 1024 }),
    }),
    receivers: obj('OTLP receivers.', {
      grpc: obj('OTLP/gRPC receiver.', {
        enabled: bool({ description: 'Listen for OTLP/gRPC.', default: true }),
        port: int({
          description: 'OTLP/gRPC port (container port "grpc").',
          default: 4317,
          minimum: 1,
          maximum: 65535,
        }),
      }),
      http: obj('OTLP/HTTP receiver (/v1/traces, /v1/metrics, /v1/logs).', {
        enabled: bool({ description: 'Listen for OTLP/HTTP.', default: true }),
        port: int({
          description: 'OTLP/HTTP port (container port "http-otlp").',
          default: 4318,
          minimum: 1,
          maximum: 65535,
        }),
      }),
      max_request_bytes: int({
        description: 'Largest accepted request body (compressed); larger ones get 413.',
        default: 4194304,
        minimum: 1024,
      }),
      max_decompressed_bytes: int({
        description:
          'Largest body after gzip decompression (a gzip bomb stops here); larger ones get 413 / RESOURCE_EXHAUSTED.',
        default: 16777216,
        minimum: 1024,
      }),
      header_timeout: duration({
        description:
          'A new connection must deliver its request headers (HTTP, and the monitoring port) or its HTTP/2 preface (gRPC) within this; else it is closed.',
        default: '10s',
      }),
      request_timeout: duration({
        description:
          'Deadline for receiving a whole request (headers and body, or a gRPC message); a slower client gets 408 / DEADLINE_EXCEEDED and is cut off.',
        default: '30s',
      }),
      idle_timeout: duration({
        description:
          'An idle keep-alive connection (HTTP) or an HTTP/2 connection with no calls (gRPC) is closed after this.',
        default: '65s',
      }),
      max_connections: int({
        description: 'Most open connections per receiver; more are refused at once.',
        default: 1024,
        minimum: 1,
      }),
      max_concurrent_streams: int({
        description: 'Most concurrent gRPC calls on one HTTP/2 connection.',
        default: 100,
        minimum: 1,
      }),
    }),
    monitoring: obj('Health, readiness and metrics server.', {
      port: int({
        description: 'Port of /health, /ready and /metrics (container port "http").',
        default: 8080,
        minimum: 1,
        maximum: 65535,
      }),
      metrics_enabled: bool({ description: 'Serve Prometheus metrics on /metrics.', default: true }),
      health_check_interval: duration({
        description: 'Interval of the agent status report (queue, breaker state, memory) in the debug log.',
        default: '30s',
      }),
      unready_when_breaker_open: bool({
        description:
          'Report not ready (503 on /ready) from the moment the circuit breaker opens until it closes again, so that the Service sends to pods whose upstream works.',
        default: true,
      }),
      unready_queue_percent: int({
        description:
          'Report not ready once the queue is this full (percent of queue.max_items or queue.max_bytes); 0 never.',
        default: 80,
        minimum: 0,
        maximum: 100,
      }),
      ready_queue_percent: int({
        description:
          'Ready again once the queue is back below this (percent); the gap to unready_queue_percent keeps pods from flapping.',
        default: 50,
        minimum: 0,
        maximum: 100,
      }),
    }),
    lifecycle: obj('Process lifecycle.', {
      shutdown_grace: duration({
        description:
          "On SIGTERM: the agent exits within this, whatever its clients do (listeners closed, requests in progress cut off after request_grace, the queue drained upstream, the rest dropped and counted). pre_stop_delay + shutdown_grace must stay below the pod's terminationGracePeriodSeconds.",
        default: '20s',
      }),
      request_grace: duration({
        description:
          'On SIGTERM: how long requests already being received may take to finish before their connections are closed.',
        default: '2s',
      }),
      pre_stop_delay: duration({
        description:
          "The pod's preStop hook (GET /prestop on the monitoring port) answers after this: the agent reports not ready at once but keeps accepting while Kubernetes removes the pod from the Service's endpoints, then SIGTERM comes.",
        default: '5s',
      }),
    }),
    logging: obj('Structured logging.', {
      level: str({
        description: "Log level (LOG_LEVEL, or the deployment plan's RUST_LOG, overrides it).",
        default: 'info',
        enum: ['trace', 'debug', 'info', 'warn', 'error'],
      }),
      format: str({ description: 'Log format.', default: 'json', enum: ['json', 'text'] }),
    }),
  },
);
