import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured logs. Keys, payment references and personal data are redacted. */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['*.apiKey', '*.authorization', '*.payment.reference', '*.shippingAddress', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  });
}
