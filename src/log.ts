/**
 * byline's logger: pino, JSON lines on stderr (stdout stays free for command output such as
 * `deploy-commands --dry-run`), with secrets redacted wherever they might end up in a logged object.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.ts';

/** Paths pino blanks out: a bot token or an Authorization header, at the top level or nested two deep. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  '*.*.token',
  'authorization',
  '*.authorization',
  '*.*.authorization',
  'Authorization',
  '*.Authorization',
  '*.*.Authorization',
];

/**
 * Creates the logger every part of byline logs through. `destination` defaults to stderr; tests pass a
 * stream of their own to read what was logged.
 */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}
