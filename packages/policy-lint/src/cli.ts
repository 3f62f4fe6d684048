#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { exitCodes, runCli } from './run.js';
import type { OutputFormat } from './run.js';
import { version } from './version.js';

// A closed pipe (policy-lint ... | head) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const program = new Command('policy-lint')
  .description(
    'Check Kubernetes manifests against Pod Security Standards, RBAC, NetworkPolicy and hardening rules.',
  )
  .version(version)
  .argument('[paths...]', 'files, directories (recursive *.yaml, *.yml, *.json) or - for stdin')
  .addOption(
    new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'),
  )
  .option('-o, --output <file>', 'write the report to a file instead of stdout')
  .option(
    '--only <family>',
    'run only this rule family: pss, rbac, netpol, hardening (repeatable)',
    collect,
    [],
  )
  .option('--pss-level <level>', 'Pod Security level for every pod: privileged, baseline, restricted')
  .option('--pss-version <version>', 'Pod Security policy version: v1.N or latest')
  .option('--fail-on <severity>', 'exit 1 when a finding reaches this severity: error, warning, info, none')
  .option(
    '-c, --config <file>',
    'configuration file (default: .policy-lint.yaml found from the working directory)',
  )
  .option('--no-config', 'ignore any .policy-lint.yaml')
  .option(
    '--source-root <dir>',
    'prefix for paths named by Helm "# Source:" comments (makes them repository-relative)',
  )
  .option('--show-suppressed', 'list suppressed findings in text output', false)
  .option('--list-rules', 'list every rule and exit', false)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

try {
  program.parse();
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : exitCodes.usage);
  throw err;
}
const o = program.opts<{
  format: OutputFormat;
  output?: string;
  only: string[];
  pssLevel?: string;
  pssVersion?: string;
  failOn?: string;
  config?: string | false;
  sourceRoot?: string;
  showSuppressed: boolean;
  listRules: boolean;
}>();
process.exitCode = runCli(
  {
    ...o,
    paths: program.args,
    colour: process.stdout.isTTY === true && !process.env.NO_COLOR,
    cwd: process.cwd(),
  },
  { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) },
);
