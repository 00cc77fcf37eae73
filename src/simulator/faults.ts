// How a faulty server answers. Each kind mirrors something wire feeds and news sites do in
// production: rate limiting, hung connections, resets, slow drips, redirect chains, cut-off
// bodies and responses that never end.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from './types.js';

/** A normal answer, computed before any fault decides how (or whether) to deliver it. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
  res.end(reply.body);
}

/**
 * Deliver `reply` through `fault`. Returns false when the fault is spent ('once-status' after
 * its last failure) so the caller can remove it.
 */
export function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse, reply: () => Reply): boolean {
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8' };
      if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
      sendReply(res, { status: fault.status, headers, body: Buffer.from(`simulated status ${fault.status}\n`) });
      return true;
    }
    case 'once-status': {
      if (fault.times <= 0) {
        sendReply(res, reply());
        return false;
      }
      fault.times -= 1;
      sendReply(res, {
        status: fault.status,
        headers: { 'Content-Type': 'text/plain' },
        body: Buffer.from(`simulated status ${fault.status}\n`),
      });
      return fault.times > 0;
    }
    case 'timeout':
      // Leave the request open; close() tears the socket down.
      return true;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'redirect':
      sendReply(res, { status: 302, headers: { Location: fault.to }, body: Buffer.alloc(0) });
      return true;
    case 'redirect-loop': {
      // Bounce between two URLs forever, so both a hop limit and a cycle check must catch it.
      const url = new URL(req.url ?? '/', 'http://sim');
      url.searchParams.set('loop', url.searchParams.get('loop') === 'a' ? 'b' : 'a');
      sendReply(res, { status: 302, headers: { Location: url.pathname + url.search }, body: Buffer.alloc(0) });
      return true;
    }
    case 'truncated': {
      const full = reply();
      res.writeHead(full.status, { ...full.headers, 'Content-Length': String(full.body.length) });
      res.write(full.body.subarray(0, Math.floor(full.body.length / 2)), () => req.socket.destroy());
      return true;
    }
    case 'drip':
      drip(res, reply(), fault.bytesPerSecond);
      return true;
    case 'endless':
      endless(res, reply());
      return true;
  }
}

function drip(res: ServerResponse, reply: Reply, bytesPerSecond: number): void {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
  const tickMs = 100;
  const chunk = Math.max(1, Math.round((bytesPerSecond * tickMs) / 1000));
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed) return clearInterval(timer);
    res.write(reply.body.subarray(offset, offset + chunk));
    offset += chunk;
    if (offset >= reply.body.length) {
      clearInterval(timer);
      res.end();
    }
  }, tickMs);
  res.on('close', () => clearInterval(timer));
}

// The real document's opening, then filler forever: a parser sees a plausible start and a
// size cap has to be what stops the download.
function endless(res: ServerResponse, reply: Reply): void {
  res.writeHead(200, { 'Content-Type': reply.headers['Content-Type'] ?? 'application/octet-stream' });
  const head = reply.body.subarray(0, Math.min(reply.body.length, 2048));
  const filler = Buffer.from(`<!-- ${'endless '.repeat(9_000)} -->\n`);
  res.write(head);
  const pump = () => {
    if (res.destroyed) return;
    // Yield between chunks so one endless response cannot starve the rest of the server.
    if (res.write(filler)) setImmediate(pump);
    else res.once('drain', pump);
  };
  pump();
}
