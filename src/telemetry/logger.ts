import { pino } from 'pino';

/** The structured logger (pino). Secrets are redacted by path so a stray header never reaches a log. */
export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'switchyard' },
    redact: {
      paths: [
        'headers.authorization',
        'headers["x-api-key"]',
        'headers["api-key"]',
        'headers["x-goog-api-key"]',
        '*.apiKey',
        'apiKey',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
