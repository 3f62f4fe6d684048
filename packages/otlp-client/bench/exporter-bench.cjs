#!/usr/bin/env node
// `nx run otlp-client:bench`: the same N spans (default 200,000, ~10 attributes) exported by this
// exporter and by the official OpenTelemetry JS exporters behind a BatchSpanProcessor tuned for
// throughput, to the same local sink, alternating, each run in a fresh process. Prints spans/s,
// CPU seconds per million spans, peak RSS, the ratios, and the protobufjs encode and
// encode+send floors. Never a test: it asserts nothing.
const { fork, execFileSync } = require('node:child_process');
const { join } = require('node:path');

const n = Number(process.env.BENCH_SPANS ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const impls = ['ours-grpc', 'official-grpc', 'ours-http', 'official-proto', 'floor-grpc', 'encode-only'];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const sink = fork(join(__dirname, 'sink.cjs'));
  const { grpcPort, httpPort } = await new Promise((resolve) => sink.once('message', resolve));
  const results = Object.fromEntries(impls.map((i) => [i, []]));
  for (let r = 0; r < rounds; r++) {
    for (const impl of impls) {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', join(__dirname, 'run-one.cjs'), impl, String(n), String(grpcPort), String(httpPort)],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      results[impl].push(JSON.parse(out.trim().split('\n').pop()));
    }
  }
  sink.send('stop');
  const row = (impl) => {
    const rs = results[impl];
    const wall = median(rs.map((x) => x.wall));
    const cpu = median(rs.map((x) => x.cpu));
    return { impl, spansPerS: n / wall, cpuPerM: (cpu / n) * 1e6, rss: median(rs.map((x) => x.maxRssMiB)) };
  };
  const rows = Object.fromEntries(impls.map((i) => [i, row(i)]));
  console.log(
    `spans: ${n} x ${rounds} rounds (median), ~10 attributes each; sink in its own process on 127.0.0.1`,
  );
  console.log('impl              spans/s   CPU s / 1M spans   peak RSS MiB');
  for (const r of Object.values(rows))
    console.log(
      `${r.impl.padEnd(16)} ${Math.round(r.spansPerS).toString().padStart(8)}   ${r.cpuPerM.toFixed(2).padStart(16)}   ${r.rss.toFixed(0).padStart(12)}`,
    );
  const tr = rows['ours-grpc'].spansPerS / rows['official-grpc'].spansPerS;
  const cr = rows['ours-grpc'].cpuPerM / rows['official-grpc'].cpuPerM;
  console.log(
    `vs official proto exporter: throughput x${(rows['ours-http'].spansPerS / rows['official-proto'].spansPerS).toFixed(2)}, CPU per span x${(rows['ours-http'].cpuPerM / rows['official-proto'].cpuPerM).toFixed(2)}`,
  );
  console.log(
    `vs encode+send floor (grpc): ours takes x${(rows['floor-grpc'].spansPerS / rows['ours-grpc'].spansPerS).toFixed(2)} the floor's time`,
  );
  console.log(`exporter-bench throughput_ratio=${tr.toFixed(2)} cpu_per_span_ratio=${cr.toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
