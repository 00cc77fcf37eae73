// A minimal Server-Sent Events client for tests: fetch with a streaming body, parsed per the
// EventSource rules that matter here (id, event, data, comment lines, blank-line dispatch).
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  status: number;
  /** Resolves when the server closes or close() is called. */
  done: Promise<void>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string>,
  on: { event?: (e: SseEvent) => void; comment?: (text: string) => void },
): Promise<SseConnection> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const close = () => abort.abort();
  if (!res.ok || !res.body) return { status: res.status, done: Promise.resolve(), close };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const done = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) on.comment?.(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data += (hasData ? '\n' : '') + line.slice(6);
              hasData = true;
            }
          }
          if (hasData) on.event?.(event);
        }
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return { status: res.status, done, close };
}
