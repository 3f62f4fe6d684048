#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { runChartCli } from './chart/chart-command.js';
import { exitCodes, runCli } from './run.js';
import type { OutputFormat } from './run.js';
import { version } from './version.js';

// A closed pipe (policy-lint ... | head) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The options every way of running policy-lint shares: output, rule selection, thresholds. */
function lintOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'),
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
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

interface LintFlags {
  format: OutputFormat;
  output?: string;
  only: string[];
  pssLevel?: string;
  pssVersion?: string;
  failOn?: string;
  config?: string | false;
  sourceRoot?: string;
  showSuppressed: boolean;
}

const io = { stdout: (s: string) => process.stdout.write(s), stderr: (s: string) => process.stderr.write(s) };
const common = { colour: process.stdout.isTTY === true && !process.env.NO_COLOR, cwd: process.cwd() };

function parseOrExit(command: Command, argv: string[]): void {
  try {
    command.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : exitCodes.usage);
    throw err;
  }
}

// `policy-lint chart DIR ...` renders a chart with Helm first (a directory named "chart" is ./chart).
if (process.argv[2] === 'chart') {
  const chart = lintOptions(
    new Command('policy-lint chart')
      .description('Render a Helm chart with helm template (once per values file) and lint the result.')
      .argument('<dir>', 'the chart directory')
      .option(
        '-f, --values <file>',
        'values file; each is rendered and linted on its own (repeatable)',
        collect,
        [],
      )
      .option(
        '--set <key=value>',
        'Helm --set override, applied to every rendering (repeatable)',
        collect,
        [],
      )
      .option('--helm <path>', 'the Helm binary (default: helm on PATH)')
      .option('--release <name>', 'release name to render with', 'release')
      .option('-n, --namespace <ns>', 'namespace to render into', 'default'),
  );
  parseOrExit(chart, process.argv.slice(3));
  const o = chart.opts<
    LintFlags & { values: string[]; set: string[]; helm?: string; release: string; namespace: string }
  >();
  process.exitCode = runChartCli(
    { ...o, ...common, dir: chart.args[0], valuesFiles: o.values, sets: o.set, listRules: false },
    io,
  );
} else {
  const program = lintOptions(
    new Command('policy-lint')
      .description(
        'Check Kubernetes manifests against Pod Security Standards, RBAC, NetworkPolicy and hardening rules. `policy-lint chart DIR --help` lints a Helm chart.',
      )
      .version(version)
      .argument('[paths...]', 'files, directories (recursive *.yaml, *.yml, *.json) or - for stdin')
      .option('--list-rules', 'list every rule and exit', false),
  );
  // -f stays --format's short form here, as before `chart` existed.
  program.addOption(new Option('-f <format>').hideHelp().choices(['text', 'json', 'sarif']));
  parseOrExit(program, process.argv.slice(2));
  const o = program.opts<LintFlags & { listRules: boolean; f?: OutputFormat }>();
  process.exitCode = runCli({ ...o, format: o.f ?? o.format, ...common, paths: program.args }, io);
}
