// Writes docs/rules.md from the rule registry (built dist/). `--check` fails when it differs.
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { renderRulesReference } = require('../dist/index.js');

const file = join(__dirname, '..', 'docs', 'rules.md');
const text = renderRulesReference();
if (process.argv.includes('--check')) {
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    console.error('docs/rules.md is out of date: run `npx nx run policy-lint:docs`.');
    process.exit(1);
  }
  console.log('docs/rules.md is up to date');
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
