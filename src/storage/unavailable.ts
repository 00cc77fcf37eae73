// Tells "the database cannot be reached" apart from "this write is wrong". The first is worth
// waiting out for as long as it lasts; the second must spend the job's attempts and end in the
// failed set with its reason.

// Socket-level failures of node-postgres (and DNS while a container restarts).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// SQLSTATE: 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up
// or in recovery), 53300 too many connections; class 08 is every connection exception.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres reports a dropped or never-opened connection only in the message.
const MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08/.test(code)))
      return true;
    if (MESSAGES.some((m) => m.test(e.message))) return true;
    // AggregateError: node tries every address of localhost (::1 and 127.0.0.1) and fails with all.
    if (e instanceof AggregateError && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  }
  return false;
}
