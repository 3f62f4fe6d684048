const { mkdtempSync, writeFileSync, readdirSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

describe('workflow policy', () => {
  let policy;
  beforeAll(() => {
    policy = require('../scripts/workflow-policy.cjs');
  });
  const write = (text) => {
    const f = join(mkdtempSync(join(tmpdir(), 'wf-')), 'w.yml');
    writeFileSync(f, text);
    return f;
  };

  it('the repository workflows follow it', () => {
    const dir = join(__dirname, '..', '..', '.github', 'workflows');
    for (const f of readdirSync(dir)) expect([f, policy.checkWorkflowPolicy(join(dir, f))]).toEqual([f, []]);
  });

  it('flags tag pins, missing version comments, broad permissions and persisted credentials', () => {
    const f = write(
      [
        'on: push',
        'permissions: write-all',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-24.04',
        '    permissions: { contents: write }',
        '    steps:',
        '      - uses: actions/checkout@v5',
        '      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020',
        '      - uses: ./local-action',
      ].join('\n'),
    );
    expect(policy.checkWorkflowPolicy(f)).toEqual([
      'line 8: actions/checkout@v5 is not pinned to a full commit SHA',
      'line 8: actions/checkout@v5 has no "# vX" comment naming the version',
      'line 9: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 has no "# vX" comment naming the version',
      'workflow: permissions "write-all" is too broad',
      'job a: permission contents: write is not expected',
      'job a: actions/checkout must set persist-credentials: false',
    ]);
  });

  it('lets a tag-push-only workflow write contents in a job, never at the top', () => {
    const job = (perms) =>
      write(
        [
          'on:',
          '  push:',
          "    tags: ['v*']",
          `permissions: ${perms.top}`,
          'jobs:',
          '  release:',
          '    runs-on: ubuntu-24.04',
          `    permissions: ${perms.job}`,
          '    steps:',
          '      - run: gh release create',
        ].join('\n'),
      );
    expect(
      policy.checkWorkflowPolicy(job({ top: '{ contents: read }', job: '{ contents: write }' })),
    ).toEqual([]);
    expect(
      policy.checkWorkflowPolicy(job({ top: '{ contents: write }', job: '{ contents: read }' })),
    ).toEqual(['workflow: permission contents: write is not expected']);
  });
});
