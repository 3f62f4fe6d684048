const { mkdtempSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

describe('test-summary', () => {
  let summary;
  beforeAll(() => {
    summary = require('../scripts/test-summary.cjs');
  });

  it('sums every runner into one "N passed, N failed" line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ runner: 'jest', passed: 10, failed: 1, skipped: 2 }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ runner: 'helm', passed: 5, failed: 0, skipped: 0 }));
    writeFileSync(join(dir, 'ignored.txt'), 'x');
    const s = summary.summarize(dir);
    expect(s.total).toEqual({ passed: 15, failed: 1, skipped: 2 });
    expect(summary.formatSummary(s).split('\n').pop()).toBe('15 passed, 1 failed, 2 skipped');
  });

  it('refuses malformed result files instead of counting them as zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'summary-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ passed: 'many', failed: 0, skipped: 0 }));
    expect(() => summary.summarize(dir)).toThrow(/"passed" must be a non-negative integer/);
  });

  it('an empty results directory sums to zero (run-tests treats that as a failure)', () => {
    expect(summary.summarize(join(tmpdir(), 'does-not-exist-' + process.pid)).total).toEqual({
      passed: 0,
      failed: 0,
      skipped: 0,
    });
  });
});
