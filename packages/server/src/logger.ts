// The server's log: one line per event on stdout. `json` (the default) writes one JSON object a
// line for a log collector; `text` writes the human lines. Callers pass fixed fields only: never
// an IP address, a token, a request body or a query string.

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(event: string, message: string, fields?: LogFields): void;
  warn(event: string, message: string, fields?: LogFields): void;
  error(event: string, message: string, error?: unknown, fields?: LogFields): void;
}

export interface LoggerOptions {
  format: 'json' | 'text';
  /** Where lines go (tests capture them); stdout by default, stderr for text errors. */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
}

export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date());
  const write =
    options.write ??
    ((line: string, level: LogLevel) =>
      (options.format === 'text' && level === 'error' ? process.stderr : process.stdout).write(
        `${line}\n`,
      ));
  const emit = (
    level: LogLevel,
    event: string,
    message: string,
    fields: LogFields = {},
    error?: unknown,
  ) => {
    if (options.format === 'text') {
      const details = error === undefined ? '' : ` ${describeError(error, true)}`;
      write(`${event === 'start' ? '' : 'parvis-server: '}${message}${details}`, level);
      return;
    }
    const line: Record<string, unknown> = {
      time: now().toISOString(),
      level,
      event,
      msg: message,
      ...fields,
    };
    if (error !== undefined) line.error = errorFields(error);
    write(JSON.stringify(line), level);
  };
  return {
    info: (event, message, fields) => emit('info', event, message, fields),
    warn: (event, message, fields) => emit('warn', event, message, fields),
    error: (event, message, error, fields) => emit('error', event, message, fields, error),
  };
}

/** Name, code, message and stack: what an operator needs, without the values a driver may attach. */
function errorFields(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, string> = { name: error.name, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string') fields.code = code;
  if (error.stack) fields.stack = error.stack;
  return fields;
}

function describeError(error: unknown, withStack: boolean): string {
  if (!(error instanceof Error)) return String(error);
  return withStack && error.stack ? error.stack : `${error.name}: ${error.message}`;
}

/** A logger that writes nothing (tests). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
