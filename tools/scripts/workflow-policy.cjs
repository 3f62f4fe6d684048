// The repository's rules for GitHub workflows, beyond what actionlint checks: third-party actions
// pinned by commit SHA with a "# vX" comment, explicit least-privilege permissions, and checkout
// without persisted credentials.
const { readFileSync } = require('node:fs');
const { parse } = require('yaml');

function checkWorkflowPolicy(file) {
  const text = readFileSync(file, 'utf8');
  const problems = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
    if (!m || m[1].startsWith('./') || m[1].startsWith('docker://')) return;
    if (!/@[0-9a-f]{40}$/.test(m[1]))
      problems.push(`line ${i + 1}: ${m[1]} is not pinned to a full commit SHA`);
    if (!/#\s*v\d/.test(m[2]))
      problems.push(`line ${i + 1}: ${m[1]} has no "# vX" comment naming the version`);
  });
  const wf = parse(text);
  const perms = wf.permissions;
  if (perms === undefined)
    problems.push('no top-level permissions: set "permissions: contents: read" (and only what a job needs)');
  // Read access for the whole workflow; anything that writes is granted per job, where it is used.
  // contents: write (a GitHub release) only in a workflow that runs on tag pushes alone.
  const on = wf.on ?? wf[true];
  const tagPushOnly =
    typeof on === 'object' && Object.keys(on).length === 1 && on.push?.tags && !on.push.branches;
  const readOnly = new Set(['contents:read', 'actions:read', 'pull-requests:read']);
  const perJob = new Set([
    ...readOnly,
    'security-events:write',
    'packages:write',
    'id-token:write',
    ...(tagPushOnly ? ['contents:write'] : []),
  ]);
  const check = (p, where, allowed) => {
    if (typeof p === 'string') problems.push(`${where}: permissions "${p}" is too broad`);
    else if (p)
      for (const [k, v] of Object.entries(p))
        if (!allowed.has(`${k}:${v}`)) problems.push(`${where}: permission ${k}: ${v} is not expected`);
  };
  check(perms, 'workflow', readOnly);
  for (const [name, job] of Object.entries(wf.jobs ?? {})) {
    check(job.permissions, `job ${name}`, perJob);
    for (const step of job.steps ?? []) {
      if (
        typeof step.uses === 'string' &&
        step.uses.startsWith('actions/checkout@') &&
        step.with?.['persist-credentials'] !== false
      ) {
        problems.push(`job ${name}: actions/checkout must set persist-credentials: false`);
      }
    }
  }
  return problems;
}

module.exports = { checkWorkflowPolicy };
