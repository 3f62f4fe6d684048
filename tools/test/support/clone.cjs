// A throwaway clone of this repository's committed state, for tests that run Nx or git there
// (affected selection, a release); `git(dir, ...args)` runs git in it.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');

function git(cwd, ...args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Clones HEAD into a new temporary directory, with a committer identity; the caller removes it. */
function cloneRepository(prefix) {
  const clone = mkdtempSync(join(tmpdir(), prefix));
  git(root, 'clone', '-q', '--no-hardlinks', root, clone);
  git(clone, 'config', 'user.email', 'test@example.invalid');
  git(clone, 'config', 'user.name', 'otlp-kit test');
  return clone;
}

module.exports = { cloneRepository, git, root };
