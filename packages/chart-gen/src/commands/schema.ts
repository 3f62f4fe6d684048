import { configSchema, valuesSchema } from '../generate/chart-files.js';

/** `chart-gen schema [--config]`: the values schema (or the agent config schema) on stdout. */
export function schemaCommand(which: 'values' | 'config'): string {
  return JSON.stringify(which === 'config' ? configSchema() : valuesSchema(), null, 2) + '\n';
}
