#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { checkConfigCommand } from './agent/commands/check-config.js';
import { defaultHealthcheckUrl, healthcheck } from './agent/commands/healthcheck.js';
import { runCommand } from './agent/commands/run.js';
import { version } from './version.js';

const positiveInt = (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
};

const program = new Command('otlp-client')
  .description(
    'OTLP agent: receives OTLP on 4317 (gRPC) and 4318 (HTTP), forwards it upstream; /health /ready /metrics on 8080.',
  )
  .version(version)
  .showHelpAfterError();

program
  .command('run', { isDefault: true })
  .description(
    'run the agent (config: --config, else OTLP_CONFIG_PATH, else /etc/otlp/config.toml, else defaults)',
  )
  .option('-c, --config <file>', 'config.toml to load')
  .action((options: { config?: string }) => runCommand(options));

program
  .command('check-config')
  .description('validate a config.toml and print the effective configuration as JSON')
  .argument('[file]', 'config.toml (default: OTLP_CONFIG_PATH, else /etc/otlp/config.toml)')
  .action((file: string | undefined) => {
    const { ok, output } = checkConfigCommand(file);
    (ok ? process.stdout : process.stderr).write(output);
    process.exitCode = ok ? 0 : 2;
  });

program
  .command('healthcheck')
  .description('exit 0 if the agent answers 2xx on its readiness URL, else 1 (for images without curl)')
  .option('--url <url>', 'URL to probe (default: /ready on monitoring.port of the config, else 8080)')
  .option('--timeout <ms>', 'how long to wait for an answer', positiveInt, 2000)
  .action(async (options: { url?: string; timeout: number }) => {
    const { ok, message } = await healthcheck(options.url ?? defaultHealthcheckUrl(), options.timeout);
    (ok ? process.stdout : process.stderr).write(`${message}\n`);
    process.exitCode = ok ? 0 : 1;
  });

void program.parseAsync();
