// Exercises Nx's affected logic on this very repository: a temporary clone, one committed change,
// and the task graph `nx affected` would run. Nothing is executed in the clone.
const { execFileSync } = require('node:child_process');
const { appendFileSync, readFileSync, rmSync, symlinkSync } = require('node:fs');
const { join } = require('node:path');
const { cloneRepository, git, root } = require('./support/clone.cjs');

function affectedTasks(clone, targets = ['build', 'test', 'lint']) {
  const out = join(clone, 'graph.json');
  execFileSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['affected', '-t', ...targets, '--base=HEAD~1', '--head=HEAD', `--graph=${out}`],
    {
      cwd: clone,
      env: {
        ...process.env,
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        NX_CACHE_DIRECTORY: join(clone, '.nx', 'cache'),
        NX_WORKSPACE_DATA_DIRECTORY: join(clone, '.nx', 'workspace-data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const graph = JSON.parse(readFileSync(out, 'utf8'));
  return { tasks: Object.keys(graph.tasks.tasks).sort(), dependencies: graph.tasks.dependencies };
}

describe('nx affected', () => {
  let clone;
  beforeAll(() => {
    clone = cloneRepository('affected-');
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'), 'dir');
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  it('a change to policy-lint selects policy-lint (and its dependents), never otlp-client', () => {
    appendFileSync(
      join(clone, 'packages', 'policy-lint', 'src', 'engine.ts'),
      '\n// touched by the affected test\n',
    );
    git(clone, 'commit', '-qam', 'touch policy-lint');
    const { tasks, dependencies } = affectedTasks(clone);
    expect(tasks).toEqual(
      expect.arrayContaining(['policy-lint:build', 'policy-lint:test', 'policy-lint:lint', 'chart-gen:test']),
    );
    // otlp-client is not affected: none of its own checks run. Its build may appear only as a
    // prerequisite of an affected dependent: chart-gen imports it, and workspace-tools' e2e and
    // cluster tests (which test policy-lint against the API server) run the built packages.
    expect(tasks.filter((t) => t.startsWith('otlp-client:') && t !== 'otlp-client:build')).toEqual([]);
    if (tasks.includes('otlp-client:build')) {
      const needers = Object.entries(dependencies).filter(([, deps]) => deps.includes('otlp-client:build'));
      for (const [task] of needers) expect(['chart-gen', 'workspace-tools']).toContain(task.split(':')[0]);
    }
  });

  it("a change to the image's ignore file selects otlp-client's image e2e", () => {
    appendFileSync(join(clone, 'packages', 'otlp-client', 'Dockerfile.dockerignore'), '\n# touched\n');
    git(clone, 'commit', '-qam', 'touch the image context');
    expect(affectedTasks(clone, ['e2e']).tasks).toContain('otlp-client:e2e');
  });

  it('a change to the README alone selects nothing', () => {
    appendFileSync(join(clone, 'README.md'), '\nA line.\n');
    git(clone, 'commit', '-qam', 'docs only');
    expect(affectedTasks(clone).tasks).toEqual([]);
  });
});
