import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRulesReference } from '../../src/docs/generate';
import { rules } from '../../src/rules/registry';

describe('docs/rules.md', () => {
  const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'rules.md'), 'utf8');

  it('matches the registry (run `nx run policy-lint:docs` after changing a rule)', () => {
    expect(committed).toBe(renderRulesReference());
  });

  it('documents every rule with a section', () => {
    for (const r of rules) expect(committed).toContain(`### ${r.id}\n`);
  });

  it('rule ids are unique kebab-case and every rule has a remediation', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z0-9]+)+$/);
      expect(r.remediation.length).toBeGreaterThan(15);
    }
  });
});
