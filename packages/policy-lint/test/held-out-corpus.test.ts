import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from './helpers';

/**
 * The held-out style corpus: cases from the public check fixtures of kube-linter and Polaris,
 * written as our own fixtures (the facts carry over, the files do not). Each file's header names
 * the peer check it mirrors, the rules of ours that map to it (`checks:`) and the findings
 * expected among them (`expect:`). The README's agreement table lists the same cases.
 */
const dir = join(__dirname, 'fixtures', 'held-out');
const header = (text: string, key: string) =>
  (new RegExp(`^# ${key}:(.*)$`, 'm').exec(text)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    return {
      file,
      text,
      peer: /^# peer: (.*)$/m.exec(text)?.[1] ?? '',
      checks: header(text, 'checks'),
      expect: header(text, 'expect'),
    };
  });

describe('held-out style corpus (kube-linter and Polaris cases as our own fixtures)', () => {
  it('has cases from both peers, positive and negative', () => {
    expect(cases.filter((c) => c.peer.startsWith('kube-linter')).length).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.peer.startsWith('Polaris')).length).toBeGreaterThanOrEqual(5);
    expect(cases.some((c) => c.expect.length === 0)).toBe(true);
  });

  it.each(cases.map((c) => [c.file, c]))('%s', (_file, c) => {
    expect(c.checks.length).toBeGreaterThan(0);
    const found = [
      ...new Set(
        lint(c.text, {}, c.file)
          .filter((f) => !f.suppressed)
          .map((f) => f.ruleId),
      ),
    ]
      .filter((id) => c.checks.includes(id))
      .sort();
    expect(found).toEqual([...c.expect].sort());
  });
});
