#!/usr/bin/env node
// `nx run otlp-client:agent-bench`: the agent as a relay (OTLP/gRPC in → OTLP/gRPC out), with the
// official OpenTelemetry JS SDK's gRPC exporter as the load generator, against the direct
// SDK → sink path in the same run, alternating, each agent a fresh `otlp-client run` process.
// Prints relay spans/s (end to end, and per second of the agent's CPU: one core), the agent's CPU and peak RSS, the latency it adds at a fixed rate, and its
// startup-to-ready time. Never a test: it asserts nothing.
const { fork, spawn } = require('node:child_process');
const { mkdtempSync, readFileSync, writeFileSync } = require('node:fs');
const { freePorts } = require('../soak/free-ports.cjs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const n = Number(process.env.BENCH_SPANS ?? 200_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const rate = Number(process.env.BENCH_RATE ?? 20_000);
const rateSeconds = Number(process.env.BENCH_RATE_SECONDS ?? 4);
const queueItems = Number(process.env.BENCH_QUEUE_ITEMS ?? 20_000);
const cli = join(__dirname, '..', 'dist', 'cli.js');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ticks = 100; // USER_HZ of /proc/<pid>/stat

function ask(child, msg) {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(msg);
  });
}

function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks; // utime + stime
}
function peakRssMiB(pid) {
  return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** A fresh agent process forwarding to the sink; resolves once /ready answers, with the time it took. */
async function startAgent(sinkPort) {
  const [grpcPort, httpPort, monitoringPort] = await freePorts(3);
  const dir = mkdtempSync(join(tmpdir(), 'agent-bench-'));
  const config = join(dir, 'config.toml');
  writeFileSync(
    config,
    `[otlp]\nendpoint = "http://127.0.0.1:${sinkPort}"\nbatch_size = 512\ncompression = "none"\n` +
      `[queue]\nmax_items = ${queueItems}\nmax_bytes = 33554432\n` +
      `[receivers]\nmax_request_bytes = 16777216\nmax_decompressed_bytes = 67108864\n` +
      `[receivers.grpc]\nport = ${grpcPort}\n[receivers.http]\nport = ${httpPort}\n[monitoring]\nport = ${monitoringPort}\n` +
      `[logging]\nlevel = "warn"\n`,
  );
  const started = performance.now();
  // BENCH_AGENT_NODE_OPTIONS: node flags for the agent only (a heap cap, say), not the generator.
  const child = spawn(process.execPath, [cli, 'run', '--config', config], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: process.env.BENCH_AGENT_NODE_OPTIONS ?? '' },
  });
  for (let i = 0; i < 5000 && child.exitCode === null; i++) {
    const ok = await fetch(`http://127.0.0.1:${monitoringPort}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, grpcPort, readyMs: performance.now() - started };
    await sleep(2);
  }
  throw new Error('the agent did not get ready');
}

async function stopAgent(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

function generator(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, 'sdk-load.cjs'), ...args.map(String)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()))
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

/** Sends n spans at full speed to `port`; resolves with spans/s measured at the sink. */
async function throughput(sink, port) {
  await ask(sink, { cmd: 'reset' });
  const load = generator(['max', n, port]);
  let failed;
  load.catch((err) => (failed = err));
  let done;
  for (let i = 0; i < 60_000 && !done; i++) {
    if (failed) throw failed;
    const { spans } = await ask(sink, { cmd: 'count' });
    if (spans >= n) done = Date.now();
    else await sleep(2);
  }
  const { started, ok } = await load;
  if (!done || ok !== n) throw new Error(`only ${ok} of ${n} spans acknowledged`);
  return n / ((done - started) / 1000);
}

async function latency(sink, port) {
  await ask(sink, { cmd: 'reset', latency: true });
  await generator(['rate', rate, port, rateSeconds]);
  await sleep(500); // the last partial batch waits for the flush interval
  const { latencies } = await ask(sink, { cmd: 'latencies' });
  // The first half second warms up connections (gRPC connect, first export): not steady state.
  const from = latencies[0][0] + 500;
  return latencies.filter(([arrived]) => arrived >= from).map(([, ms]) => ms);
}

async function main() {
  const sink = fork(join(__dirname, 'counting-sink.cjs'));
  const { port: sinkPort } = await new Promise((resolve) => sink.once('message', resolve));
  const direct = [];
  const relay = [];
  const readyMs = [];
  for (let r = 0; r < rounds; r++) {
    direct.push(await throughput(sink, sinkPort));
    const agent = await startAgent(sinkPort);
    readyMs.push(agent.readyMs);
    const cpuBefore = cpuSeconds(agent.child.pid);
    const spansPerS = await throughput(sink, agent.grpcPort);
    relay.push({ spansPerS, cpu: cpuSeconds(agent.child.pid) - cpuBefore, rss: peakRssMiB(agent.child.pid) });
    await stopAgent(agent.child);
  }
  const directLat = await latency(sink, sinkPort);
  const agent = await startAgent(sinkPort);
  readyMs.push(agent.readyMs);
  const relayLat = await latency(sink, agent.grpcPort);
  await stopAgent(agent.child);
  sink.send({ cmd: 'stop' });

  const relayRate = median(relay.map((x) => x.spansPerS));
  const cpu = median(relay.map((x) => x.cpu));
  const rss = Math.max(...relay.map((x) => x.rss));
  const added = (p) => pct(relayLat, p) - pct(directLat, p);
  console.log(
    `spans: ${n} x ${rounds} rounds (median), ~10 attributes; load: official SDK gRPC exporter, 512-span batches, 8 in flight`,
  );
  console.log(`direct SDK -> sink:          ${Math.round(median(direct))} spans/s`);
  console.log(
    `SDK -> agent -> sink:        ${Math.round(relayRate)} spans/s (x${(relayRate / median(direct)).toFixed(2)} of direct)`,
  );
  console.log(
    `agent CPU:                   ${((cpu / n) * 1e6).toFixed(2)} s per 1M spans = ${Math.round(n / cpu)} spans per CPU-second (one core)`,
  );
  console.log(`agent peak RSS:              ${rss.toFixed(0)} MiB`);
  console.log(
    `latency at ${rate} spans/s:   direct p50 ${pct(directLat, 50).toFixed(1)} / p99 ${pct(directLat, 99).toFixed(1)} ms; ` +
      `relay p50 ${pct(relayLat, 50).toFixed(1)} / p99 ${pct(relayLat, 99).toFixed(1)} ms; added p50 ${added(50).toFixed(1)} / p99 ${added(99).toFixed(1)} ms`,
  );
  console.log(`startup to ready:            ${median(readyMs).toFixed(0)} ms (median of ${readyMs.length})`);
  // spans_per_s is what the agent relays per second of its own CPU, i.e. on one core: on a
  // 2-core machine shared with the load generator and the sink, the official SDK generator is the
  // bottleneck of the end-to-end rate (compare the direct line above).
  console.log(
    `agent-bench spans_per_s=${Math.round(n / cpu)} rss_mib=${rss.toFixed(0)} p99_added_ms=${added(99).toFixed(1)} ready_ms=${median(readyMs).toFixed(0)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
