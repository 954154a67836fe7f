import { pino, type DestinationStream, type Logger } from 'pino';
import { traceFields } from './tracing.ts';

export type { Logger };

/**
 * Structured logs. Keys, payment references and personal data are redacted. A line written while a
 * request is traced carries its `trace_id` and `span_id` (common/tracing.ts).
 */
export function createLogger(name: string, level = 'info', destination?: DestinationStream): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: ['*.apiKey', '*.authorization', '*.payment.reference', '*.shippingAddress', '*.address', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
    mixin: traceFields,
  };
  return destination ? pino(options, destination) : pino(options);
}
