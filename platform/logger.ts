import { pino, type Logger } from 'pino';
import type { OrchestraConfig } from './config.ts';

export type { Logger } from 'pino';

/**
 * Creates the process's structured JSON logger (pino). Child loggers carry `service` and, per request, `requestId`.
 * Authorization headers and tokens are redacted.
 */
export function createLogger(config: Pick<OrchestraConfig, 'logLevel'>, service = 'orchestra'): Logger {
  return pino({
    level: config.logLevel,
    base: { service },
    redact: { paths: ['req.headers.authorization', '*.token', '*.password', '*.apiKey'], censor: '[redacted]' },
  });
}
