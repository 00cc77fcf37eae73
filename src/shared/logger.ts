// pino JSON logs with stable snake_case keys (feed_id, item_id, job_id, stage, duration_ms).
// Secrets are redacted wherever they appear in a logged object.
import { pino, type Logger } from 'pino';

export type { Logger };

export const redactPaths = [
  'password',
  '*.password',
  'dashboardPassword',
  '*.dashboardPassword',
  'apiKey',
  '*.apiKey',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
];

export function createLogger(level: string, bindings: Record<string, unknown> = {}): Logger {
  return pino(
    {
      level,
      base: { service: 'lede', ...bindings },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    // Synchronous: the default asynchronous stream can lose the last line (an in-flight write at
    // process.exit), so "shutdown complete" or a fatal start-up line went missing under load.
    pino.destination({ dest: 1, sync: true }),
  );
}

/** A URL with its password masked, for logs and error messages. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
