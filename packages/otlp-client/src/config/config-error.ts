/** Bad exporter configuration, raised when the exporter is built, naming the setting at fault. */
export class ConfigError extends Error {
  constructor(
    /** The option or environment variable, e.g. `endpoint` or `OTEL_EXPORTER_OTLP_TRACES_TIMEOUT`. */
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}
