// Differential property test of the agent's forwarding: seeded random requests of all three
// signals, covering every field and value kind of the official opentelemetry-proto definitions, in
// the many encodings the protobuf and OTLP/JSON specifications allow, sent through a real agent
// (gRPC, HTTP protobuf, HTTP JSON, each plain and gzip) to a real upstream (gRPC and HTTP; with and
// without pod identity; with and without splitting into batches). What the upstream receives,
// decoded with the official definitions, must equal what was sent as a multiset of
// (resource, scope, item), apart from the pod-identity attributes the agent adds.
// FIDELITY_SEED replays a run; FIDELITY_REQUESTS sets the requests per signal and path.
import * as grpc from '@grpc/grpc-js';
import type { Type } from 'protobufjs';
import { gzipSync } from 'node:zlib';
import type { Agent } from '../../../src/agent/agent';
import { signalNames, signalSpecs } from '../../../src/proto/signals';
import type { Signal } from '../../../src/proto/signals';
import { officialRequestType } from '../../support/fidelity/official-proto';
import { renderJsonVariant } from '../../support/fidelity/json-variant';
import { Random, generatedFields, randomMessage } from '../../support/fidelity/random-request';
import { decodeTriples, multisetDiff } from '../../support/fidelity/triples';
import { encodeVariant } from '../../support/fidelity/variant-encoder';
import type { VariantOptions } from '../../support/fidelity/variant-encoder';
import { GrpcSink } from '../../support/grpc-sink';
import { HttpSink } from '../../support/http-sink';
import { until } from '../../support/spans';
import { startAgent } from '../support/agent-harness';
import { grpcExport } from '../support/grpc-export';

jest.setTimeout(180_000);

const seed = Number(process.env.FIDELITY_SEED ?? 20261202);
const requestsPerPath = Number(process.env.FIDELITY_REQUESTS ?? 8);
const podIdentity = { POD_NAME: 'otlp-client-fid-0', POD_NAMESPACE: 'fidelity', NODE_NAME: 'node-f' };
const identityAttributes = {
  'k8s.pod.name': podIdentity.POD_NAME,
  'k8s.namespace.name': podIdentity.POD_NAMESPACE,
  'k8s.node.name': podIdentity.NODE_NAME,
};

type Path = 'grpc' | 'grpc+gzip' | 'http' | 'http+gzip' | 'json' | 'json+gzip';
const paths: Path[] = ['grpc', 'grpc+gzip', 'http', 'http+gzip', 'json', 'json+gzip'];

interface Sent {
  index: number;
  /** What the sender means: the protobuf bytes it sent, or for JSON the canonical bytes of the same request. */
  meaning: Uint8Array;
  send: () => Promise<void>;
  describe: () => string;
}

async function grpcSend(port: number, signal: Signal, body: Uint8Array, gzip: boolean): Promise<void> {
  const answer = await grpcExport(port, body, { signal, gzip });
  if (answer.code !== grpc.status.OK) throw new Error(`gRPC ${answer.code}: ${answer.details}`);
}

async function httpExport(
  port: number,
  signal: Signal,
  body: Uint8Array | string,
  json: boolean,
  gzip: boolean,
) {
  const headers: Record<string, string> = {
    'content-type': json ? 'application/json' : 'application/x-protobuf',
  };
  if (gzip) headers['content-encoding'] = 'gzip';
  const payload = gzip ? gzipSync(body) : body;
  const res = await fetch(`http://127.0.0.1:${port}${signalSpecs[signal].httpPath}`, {
    method: 'POST',
    headers,
    body: payload,
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
}

function variantOptions(r: Random): VariantOptions {
  return {
    shuffle: r.chance(0.7),
    split: r.chance(0.7),
    decoys: r.chance(0.5),
    padVarints: r.chance(0.5),
    explicitDefaults: r.chance(0.5),
    unknownFields: r.chance(0.5),
  };
}

function makeRequests(signal: Signal, path: Path, r: Random, ports: { grpc: number; http: number }): Sent[] {
  const type = officialRequestType(signal);
  return Array.from({ length: requestsPerPath }, (_, index) => {
    const obj = randomMessage(r, type);
    const canonical = type.encode(type.fromObject(obj)).finish();
    const gzip = path.endsWith('+gzip');
    if (path.startsWith('json')) {
      const text = renderJsonVariant(type, obj, r);
      return {
        index,
        meaning: canonical,
        send: () => httpExport(ports.http, signal, text, true, gzip),
        describe: () => `OTLP/JSON body: ${text}`,
      };
    }
    const options = variantOptions(r);
    const bytes = encodeVariant(type, obj, r, options);
    return {
      index,
      meaning: bytes,
      send: () =>
        path.startsWith('grpc')
          ? grpcSend(ports.grpc, signal, bytes, gzip)
          : httpExport(ports.http, signal, bytes, false, gzip),
      describe: () => `protobuf (${JSON.stringify(options)}), hex: ${Buffer.from(bytes).toString('hex')}`,
    };
  });
}

const setups = [
  {
    name: 'gRPC upstream, pod identity, split into batches of 3',
    protocol: 'grpc',
    withIdentity: true,
    batch: 3,
  },
  {
    name: 'gRPC upstream, no identity, whole entries (bytes as received)',
    protocol: 'grpc',
    withIdentity: false,
    batch: 100,
  },
  {
    name: 'HTTP upstream, no identity, split into batches of 3',
    protocol: 'http/protobuf',
    withIdentity: false,
    batch: 3,
  },
  {
    name: 'HTTP upstream, pod identity, whole entries',
    protocol: 'http/protobuf',
    withIdentity: true,
    batch: 100,
  },
] as const;

describe.each(setups)('forwarding fidelity: $name', ({ protocol, withIdentity, batch }) => {
  let agent: Agent;
  let grpcSink: GrpcSink;
  let httpSink: HttpSink;
  beforeAll(async () => {
    grpcSink = await new GrpcSink().start();
    httpSink = await new HttpSink().start();
    const upstream = protocol === 'grpc' ? grpcSink.port : httpSink.port;
    agent = (
      await startAgent(
        `[otlp]\nendpoint = "http://127.0.0.1:${upstream}"\nprotocol = "${protocol}"\nbatch_size = ${batch}\n`,
        withIdentity ? podIdentity : {},
      )
    ).agent;
  });
  afterAll(async () => {
    await agent?.stop(1000);
    grpcSink?.forceStop();
    await httpSink?.stop();
  });

  const received = (signal: Signal, from: number) =>
    (protocol === 'grpc' ? grpcSink.received : httpSink.received)
      .slice(from)
      .filter((x) => x.signal === signal)
      .map((x) => x.body);
  const mark = () => (protocol === 'grpc' ? grpcSink.received : httpSink.received).length;

  /** Sends `requests`, waits for their items upstream, and returns the difference (empty: equal). */
  async function roundTrip(signal: Signal, requests: Sent[]): Promise<string[]> {
    const from = mark();
    for (const req of requests) await req.send();
    const expected = decodeTriples(
      signal,
      requests.map((q) => q.meaning),
    );
    const got = () =>
      decodeTriples(signal, received(signal, from), withIdentity ? identityAttributes : undefined);
    await until(() => got().items >= expected.items, 20_000).catch(() => undefined);
    // A moment for anything extra (a duplicate, a stray item) to show.
    await new Promise((r) => setTimeout(r, 50));
    const result = got();
    return [
      ...result.identityProblems.slice(0, 2).map((p) => `identity: ${p}`),
      ...multisetDiff(expected.triples, result.triples),
    ];
  }

  it.each(signalNames.flatMap((signal) => paths.map((path) => [signal, path] as const)))(
    '%s over %s arrives exactly as sent',
    async (signal, path) => {
      const runSeed =
        seed +
        signalNames.indexOf(signal) * 1000 +
        paths.indexOf(path) * 100 +
        setups.findIndex(
          (s) => s.protocol === protocol && s.withIdentity === withIdentity && s.batch === batch,
        ) *
          10;
      const ports = { grpc: agent.ports.grpc!, http: agent.ports.http! };
      const requests = makeRequests(signal, path, new Random(runSeed), ports);
      const diff = await roundTrip(signal, requests);
      if (diff.length === 0) return;
      // A failure: find the smallest request that fails on its own, to print as the example.
      const bySize = [...requests].sort((a, b) => a.meaning.length - b.meaning.length);
      let example = 'no single request fails alone (they fail together)';
      for (const req of bySize) {
        const alone = await roundTrip(signal, [req]);
        if (alone.length > 0) {
          example = `request #${req.index}: ${req.describe()}\n${alone.join('\n')}`;
          break;
        }
      }
      throw new Error(
        `seed ${runSeed} (FIDELITY_SEED=${seed}), ${signal} over ${path}:\n${diff.join('\n')}\nminimal example: ${example}`,
      );
    },
  );
});

/** Every field of every message reachable from the three request types, by `Type.field`. */
function reachableFields(type: Type, seen = new Set<string>(), out = new Set<string>()): Set<string> {
  if (seen.has(type.fullName)) return out;
  seen.add(type.fullName);
  for (const f of type.fieldsArray) {
    out.add(`${type.fullName}.${f.name}`);
    if (f.resolvedType && 'fieldsArray' in f.resolvedType) reachableFields(f.resolvedType, seen, out);
  }
  return out;
}

describe('forwarding fidelity: coverage of the official definitions', () => {
  it('the requests above set every field of every message of the three signals at least once', () => {
    const all = new Set<string>();
    for (const signal of signalNames)
      for (const f of reachableFields(officialRequestType(signal))) all.add(f);
    const missed = [...all].filter((f) => !generatedFields.has(f));
    expect(missed).toEqual([]);
    expect(all.size).toBeGreaterThan(100);
  });
});
