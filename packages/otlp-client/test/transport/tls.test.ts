import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { OtlpExporter } from '../../src/export/exporter';
import { makePki } from '../support/certs';
import { GrpcSink } from '../support/grpc-sink';
import { resourceSpans } from '../support/spans';

jest.setTimeout(30_000);

const pki = makePki();
const read = (f: string) => readFileSync(f);
const base = {
  protocol: 'grpc' as const,
  signals: ['traces'] as const,
  env: {},
  batch: { flushIntervalMs: 10 },
  // A short retry budget: a refused handshake is retried (the spec calls it transient) until it ends.
  retry: { maxRetries: 1, initialDelayMs: 5, maxDelayMs: 20, maxElapsedMs: 200 },
};

describe('OTLP/gRPC over TLS', () => {
  it('delivers with the right CA', async () => {
    const sink = await new GrpcSink(
      [{ kind: 'ok' }],
      grpc.ServerCredentials.createSsl(
        null,
        [{ cert_chain: read(pki.serverCert), private_key: read(pki.serverKey) }],
        false,
      ),
    ).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `https://127.0.0.1:${sink.port}`,
      certificateFile: pki.caCert,
    });
    e.export('traces', resourceSpans(6));
    await e.shutdown(5000);
    expect(sink.accepted).toBe(6);
    await sink.stop();
  });

  it('refuses a server certificate from another CA: nothing delivered, every span counted as dropped', async () => {
    const sink = await new GrpcSink(
      [{ kind: 'ok' }],
      grpc.ServerCredentials.createSsl(
        null,
        [{ cert_chain: read(pki.serverCert), private_key: read(pki.serverKey) }],
        false,
      ),
    ).start();
    const e = new OtlpExporter({
      ...base,
      endpoint: `https://127.0.0.1:${sink.port}`,
      certificateFile: pki.otherCaCert,
    });
    e.export('traces', resourceSpans(6));
    await e.shutdown(5000);
    expect(sink.requests).toBe(0);
    expect(e.stats('traces').dropped.retries_exhausted).toBe(6);
    await sink.stop();
  });

  it('mTLS: a server that requires a client certificate gets ours, and refuses a client without one', async () => {
    const creds = () =>
      grpc.ServerCredentials.createSsl(
        read(pki.caCert),
        [{ cert_chain: read(pki.serverCert), private_key: read(pki.serverKey) }],
        true,
      );
    const sink = await new GrpcSink([{ kind: 'ok' }], creds()).start();
    const withCert = new OtlpExporter({
      ...base,
      endpoint: `https://127.0.0.1:${sink.port}`,
      certificateFile: pki.caCert,
      clientCertificateFile: pki.clientCert,
      clientKeyFile: pki.clientKey,
    });
    withCert.export('traces', resourceSpans(4));
    await withCert.shutdown(5000);
    expect(sink.accepted).toBe(4);
    const without = new OtlpExporter({
      ...base,
      endpoint: `https://127.0.0.1:${sink.port}`,
      certificateFile: pki.caCert,
    });
    without.export('traces', resourceSpans(4));
    await without.shutdown(5000);
    expect(sink.accepted).toBe(4);
    expect(without.stats('traces').dropped.retries_exhausted).toBe(4);
    await sink.stop();
  });
});
