/**
 * Structured logging through the invocation context, so Application Insights ties every line to its request.
 * Properties carry ids and numbers, never candidate personal data.
 */
export type LogProperties = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, properties?: LogProperties): void;
  info(message: string, properties?: LogProperties): void;
  warn(message: string, properties?: LogProperties): void;
  error(message: string, properties?: LogProperties): void;
}

export interface LogSink {
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

export function createLogger(sink: LogSink, minimum: Level, base: LogProperties = {}): Logger {
  const write = (level: Level) => (message: string, properties?: LogProperties) => {
    if (LEVELS.indexOf(level) < LEVELS.indexOf(minimum)) return;
    sink[level](message, JSON.stringify({ ...base, ...properties }));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
