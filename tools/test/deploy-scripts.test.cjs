// Runs the bats suites of deploy.sh and monitor.sh (tools/test/deploy/*.bats, Debian's bats) and
// turns each TAP line into a Jest test, so `npm test` counts and names them.
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, 'deploy');
const suites = readdirSync(dir).filter((f) => f.endsWith('.bats'));

describe.each(suites)('%s', (suite) => {
  const r = spawnSync('bats', ['--tap', join(dir, suite)], { encoding: 'utf8', timeout: 120000 });
  const lines = (r.stdout ?? '').split('\n');
  const results = lines
    .map((line, i) => ({ m: /^(ok|not ok) \d+ (.*)$/.exec(line), i }))
    .filter((x) => x.m)
    .map(({ m, i }) => {
      // A failure's diagnostics are the "# " lines after it.
      const detail = [];
      for (let j = i + 1; j < lines.length && lines[j].startsWith('#'); j++) detail.push(lines[j]);
      return { ok: m[1] === 'ok', name: m[2], detail: detail.join('\n') };
    });

  it('runs (bats is installed and the suite has tests)', () => {
    expect([r.error?.message, results.length > 0]).toEqual([undefined, true]);
  });

  if (results.length > 0)
    it.each(results.map((x) => [x.name, x]))('%s', (_name, result) => {
      expect([result.ok, result.detail]).toEqual([true, '']);
    });
});
