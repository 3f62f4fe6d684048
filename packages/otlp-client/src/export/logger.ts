/** The structured logger the exporter reports to (pino's shape); silent by default. */
export interface ExporterLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const noop = () => undefined;
export const silentLogger: ExporterLogger = { debug: noop, info: noop, warn: noop, error: noop };
