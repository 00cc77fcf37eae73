// `lede process` progress on stderr: lines done, items/s, errors and, when the input is a file
// of known size, an ETA from the bytes done so far. On a terminal the line is rewritten in
// place; otherwise (--progress into a log) one line per interval.

export interface ProgressState {
  lines: number;
  errors: number;
  /** Input bytes of the lines done. */
  bytes: number;
}

export function formatProgress(state: ProgressState, elapsedMs: number, totalBytes?: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? state.lines / seconds : 0;
  const parts = [`${state.lines} lines`, `${rate.toFixed(1)} items/s`, `${state.errors} errors`];
  if (totalBytes && state.bytes > 0 && seconds > 0) {
    const left = Math.max(0, totalBytes - state.bytes) / (state.bytes / seconds);
    parts.push(`${Math.round((100 * state.bytes) / totalBytes)}%`, `ETA ${clock(left)}`);
  }
  return `lede process: ${parts.join(', ')}`;
}

export function formatSummary(state: ProgressState, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? state.lines / seconds : 0;
  return `lede process: ${state.lines} lines, ${state.errors} errors, ${seconds.toFixed(1)} s, ${rate.toFixed(1)} items/s`;
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** Writes the progress line every `intervalMs` until stop(), which writes it a last time. */
export function startProgress(
  stream: NodeJS.WriteStream,
  state: ProgressState,
  totalBytes: number | undefined,
  intervalMs = 1000,
): { stop(): void } {
  const started = Date.now();
  const tty = stream.isTTY;
  const show = () => {
    const text = formatProgress(state, Date.now() - started, totalBytes);
    stream.write(tty ? `\r${text}\x1b[K` : `${text}\n`);
  };
  const timer = setInterval(show, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      show();
      if (tty) stream.write('\n');
    },
  };
}
