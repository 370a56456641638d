import type { FastifyServerOptions } from 'fastify';

/** Paths pino removes from every log line: credentials and personal data. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.name', '*.phone', '*.email', '*.idNumber',
  '*.gender', '*.birthYear', '*.ethnicity', '*.maritalStatus', '*.hukou',
];

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // Query strings can carry search text but never keys; log path and method only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
    },
  };
}
