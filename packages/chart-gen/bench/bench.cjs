#!/usr/bin/env node
// Benchmark: chart-gen's own work (generate + the in-process validation: YAML parsing, strict
// Kubernetes/CRD schemas, policy-lint) against the peer it drives, the Helm processes, in one
// run. Target: generate + validate without the Helm processes under 2 s.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { generate, validateChart, chartDir, workspaceRoot } = require('../dist/index.js');

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const root = workspaceRoot(__dirname);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const gen = [];
  const wall = [];
  const own = [];
  const helm = [];
  for (let i = 0; i < rounds; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'chart-gen-bench-'));
    let t = performance.now();
    generate(dir);
    gen.push(performance.now() - t);
    t = performance.now();
    const reports = await validateChart({ root, chart: join(dir, chartDir) });
    wall.push(performance.now() - t);
    const checks = reports.flatMap((r) => r.checks);
    if (checks.some((c) => !c.ok)) throw new Error('validation failed; fix the chart before benchmarking');
    own.push(checks.reduce((s, c) => s + c.ownMs, 0));
    helm.push(checks.reduce((s, c) => s + c.helmMs, 0));
  }
  const g = median(gen);
  const o = median(own);
  const h = median(helm);
  console.log(`rounds: ${rounds} (median shown), one values case = defaults + every ci/*.yaml`);
  console.log(`generate (30 files)                         ${g.toFixed(0).padStart(6)} ms`);
  console.log(`validate, chart-gen's own checks            ${o.toFixed(0).padStart(6)} ms`);
  console.log(`validate, Helm processes (sum, the peer)    ${h.toFixed(0).padStart(6)} ms`);
  console.log(`validate, wall time (2 Helm at a time)      ${median(wall).toFixed(0).padStart(6)} ms`);
  console.log(
    `generate + own validation                   ${(g + o).toFixed(0).padStart(6)} ms (target < 2000 ms)`,
  );
  console.log(
    `peak RSS                                    ${(process.memoryUsage().rss / 1048576).toFixed(0).padStart(6)} MiB`,
  );
  console.log(
    `chart-gen-bench own_ms=${(g + o).toFixed(0)} helm_ms=${h.toFixed(0)} own_to_helm_ratio=${((g + o) / h).toFixed(2)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
