import { ConfigError } from '../../config/config-error.js';
import type { Env } from '../../config/env.js';
import { Agent } from '../agent.js';
import { loadAgentConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import type { AgentLogger } from '../logging/logger.js';

/** Exit codes of `otlp-client run`. */
export const runExitCodes = { ok: 0, failed: 1, config: 2 } as const;

/**
 * `otlp-client run`: loads the config (exit 2 before binding anything if it is invalid), starts
 * the agent, and on SIGTERM/SIGINT drains within lifecycle.shutdown_grace and exits 0. A second
 * signal exits at once.
 */
export async function runCommand(options: { config?: string }, env: Env = process.env): Promise<void> {
  let loaded;
  try {
    loaded = loadAgentConfig(options.config, env);
  } catch (err) {
    fatal(createLogger({ level: 'info', format: 'json' }), err, 'invalid configuration');
    process.exitCode = runExitCodes.config;
    return;
  }
  const logger = createLogger(loaded.config.logging);
  if (loaded.overrides.length > 0)
    logger.info({ variables: loaded.overrides }, 'environment overrides applied');
  let agent: Agent;
  try {
    agent = await Agent.start({ loaded, logger, env });
  } catch (err) {
    const isConfig = err instanceof ConfigError;
    fatal(logger, err, isConfig ? 'invalid configuration' : 'the agent could not start');
    process.exitCode = isConfig ? runExitCodes.config : runExitCodes.failed;
    return;
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) {
      logger.warn({ signal }, 'second signal: exiting without draining');
      process.exit(runExitCodes.failed);
    }
    const graceMs = loaded.durations.shutdownGraceMs;
    logger.info({ signal, graceMs }, 'stopping: draining the queue upstream');
    // The stop is bounded by construction; this is the backstop that keeps the promise to
    // Kubernetes (exit before SIGKILL) should anything in it ever hang.
    setTimeout(() => {
      logger.error({ graceMs }, 'stop overran lifecycle.shutdown_grace: exiting');
      process.exit(runExitCodes.failed);
    }, graceMs + 1000).unref();
    agent.stop().then(
      (report) => {
        logger.info(
          report,
          report.dropped > 0 ? 'stopped; items left at the deadline were dropped' : 'stopped; queue drained',
        );
        process.exit(runExitCodes.ok);
      },
      (err: unknown) => {
        fatal(logger, err, 'stop failed');
        process.exit(runExitCodes.failed);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

function fatal(logger: AgentLogger, err: unknown, message: string): void {
  logger.fatal({ error: err instanceof Error ? err.message : String(err) }, message);
}
