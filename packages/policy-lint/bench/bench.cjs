// policy-lint benchmark: lints a generated corpus and compares with only parsing the same YAML with
// the parser policy-lint uses (js-yaml loadAll: the floor), alternating runs. The yaml library's
// Document API (positions for every node) is timed once for reference.
// Usage: nx run policy-lint:bench [-- --objects 20000 --rounds 5]
const { LineCounter, parseAllDocuments } = require('yaml');
const { loadAll } = require('js-yaml');
const { lintSources } = require('../dist/index.js');
const { corpus } = require('./corpus.cjs');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const minObjects = arg('objects', 20000);
const rounds = arg('rounds', 5);
const { text, objects } = corpus(minObjects);

function parseOnly() {
  return loadAll(text).length;
}
function parseWithPositions() {
  const docs = parseAllDocuments(text, { lineCounter: new LineCounter(), uniqueKeys: true });
  for (const d of docs) d.toJS();
  return docs.length;
}
function lintAll() {
  return lintSources([{ file: 'corpus.yaml', text }]);
}
const time = (fn) => {
  const t = process.hrtime.bigint();
  const r = fn();
  return [Number(process.hrtime.bigint() - t) / 1e9, r];
};

// Warm up both paths once, then alternate so drift affects both equally.
parseOnly();
const warm = lintAll();
const parseTimes = [];
const lintTimes = [];
for (let i = 0; i < rounds; i++) {
  parseTimes.push(time(parseOnly)[0]);
  lintTimes.push(time(lintAll)[0]);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const parseS = median(parseTimes);
const lintS = median(lintTimes);
const s = warm.summary;
console.log(
  `corpus: ${objects} objects, ${(text.length / 1048576).toFixed(1)} MiB of YAML; findings: ${s.error} errors, ${s.warning} warnings`,
);
const positionsS = time(parseWithPositions)[0];
console.log(
  `parse only (js-yaml loadAll, the floor):    median ${(parseS * 1000).toFixed(0)} ms over ${rounds} rounds = ${Math.round(objects / parseS)} objects/s`,
);
console.log(
  `policy-lint (parse + all rules):            median ${(lintS * 1000).toFixed(0)} ms over ${rounds} rounds = ${Math.round(objects / lintS)} objects/s`,
);
console.log(
  `for reference, yaml Document API parse:     ${(positionsS * 1000).toFixed(0)} ms = ${Math.round(objects / positionsS)} objects/s`,
);
console.log(`peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);

// Linear scaling: the same corpus shape at `--scale` times the size (default 10), linted once;
// the per-object cost there over the per-object cost above should stay near 1 (target ≤ 1.2).
const scale = arg('scale', 10);
const big = corpus(minObjects * scale);
// As a cluster dump arrives: files of about 8 MiB (each under the per-file size limit).
const bigFiles = [];
for (let start = 0; start < big.text.length;) {
  let end = big.text.indexOf('\n---\n', start + 8 * 1048576);
  end = end < 0 ? big.text.length : end + 1;
  bigFiles.push({ file: `corpus-10x-${bigFiles.length}.yaml`, text: big.text.slice(start, end) });
  start = end;
}
const bigStarted = process.hrtime.bigint();
const bigResult = lintSources(bigFiles);
const bigS = Number(process.hrtime.bigint() - bigStarted) / 1e9;
const costRatio = bigS / big.objects / (lintS / objects);
console.log(
  `${scale}x corpus: ${big.objects} objects in ${bigFiles.length} files, ${(big.text.length / 1048576).toFixed(0)} MiB of YAML, ${bigResult.findings.length} findings in ${(bigS * 1000).toFixed(0)} ms = ${Math.round(big.objects / bigS)} objects/s; per-object cost ${costRatio.toFixed(2)}x the 1x run; peak RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`,
);
console.log(
  `policy-lint-bench objects_per_s=${Math.round(objects / lintS)} parse_cost_ratio=${(lintS / parseS).toFixed(2)} scale_${scale}x_cost_ratio=${costRatio.toFixed(2)}`,
);
