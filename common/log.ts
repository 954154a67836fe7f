import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured logs. Keys, payment references and personal data are redacted. */
export function createLogger(name: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['*.apiKey', '*.authorization', '*.payment.reference', '*.shippingAddress', '*.address', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
