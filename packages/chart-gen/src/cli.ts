#!/usr/bin/env node
import { Command } from 'commander';
import { chartGenVersion } from './chart-metadata.js';
import { checkCommand } from './commands/check.js';
import { generate } from './commands/generate.js';
import { publishCommand } from './commands/publish.js';
import { schemaCommand } from './commands/schema.js';
import { startCommand } from './commands/start.js';
import { validateCommand } from './commands/validate.js';
import { kubeSchemasCommand } from './commands/kube-schemas.js';
import { workspaceRoot } from './workspace.js';

const out = (s: string) => void process.stdout.write(s);
const root = () => workspaceRoot();

const program = new Command('chart-gen')
  .version(chartGenVersion)
  .description('Generate, check and validate the otlp-client Helm chart and its values JSON Schema.');

program
  .command('generate')
  .description('write charts/otlp-client and schemas/ from the values definition and chart templates')
  .option('--out <dir>', 'write under this directory instead of the workspace root')
  .action((o: { out?: string }) => {
    const files = generate(o.out ?? root());
    out(`generated ${files.length} files\n`);
  });

program
  .command('check')
  .description('fail when the committed chart or schemas differ from what generate would write')
  .option('--results', 'write test-results/chart-gen-check.json', false)
  .action((o: { results: boolean }) => {
    process.exitCode = checkCommand(root(), o.results, out);
  });

program
  .command('validate')
  .description(
    'helm lint/template/install --dry-run (Helm 4 and 3), strict Kubernetes schemas and policy-lint',
  )
  .option('--values <file...>', 'values files to validate (default: the defaults and every ci/*.yaml)')
  .option('--chart <dir>', 'chart directory (default: charts/otlp-client)')
  .option('--results', 'write test-results/chart-gen-validate.json', false)
  .action(async (o: { values?: string[]; chart?: string; results: boolean }) => {
    process.exitCode = (
      await validateCommand({ root: root(), chart: o.chart, values: o.values, results: o.results, out })
    ).code;
  });

program
  .command('kube-schemas')
  .description(
    "generate the strict Kubernetes schemas from each pinned release's OpenAPI document (needs Go and its module proxy)",
  )
  .option('--check', 'report drift instead of writing (exit 1 when a file differs)', false)
  .action((o: { check: boolean }) => {
    process.exitCode = kubeSchemasCommand({ check: o.check, out });
  });

program
  .command('schema')
  .description('print the values JSON Schema (or, with --config, the agent config schema)')
  .option('--config', 'the agent config.toml schema instead', false)
  .action((o: { config: boolean }) => out(schemaCommand(o.config ? 'config' : 'values')));

program
  .command('publish')
  .description('package the chart and helm push it to oci://<registry>/charts')
  .option('--registry <host>', 'registry host[/namespace] (default: $REGISTRY)')
  .option('--plain-http', 'no TLS (default only for 127.0.0.1/localhost, or REGISTRY_INSECURE=true)')
  .action(async (o: { registry?: string; plainHttp?: boolean }) => {
    process.exitCode = (
      await publishCommand({ root: root(), registry: o.registry, plainHttp: o.plainHttp, out })
    ).code;
  });

program
  .command('start')
  .description('generate, validate and package the chart (npm start)')
  .action(async () => {
    process.exitCode = await startCommand(root(), out);
  });

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(`chart-gen: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 2;
});
