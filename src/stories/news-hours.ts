// Hours between two item times as a wire counts them: Saturday and Sunday (UTC) do not count.
// A wire runs a skeleton service at weekends: Friday's story is repeated on Monday morning, and
// Saturday's copy is resent when the desks fill up again. Measured in news hours, Friday 18:00
// to Monday 08:00 is 14 h (the next news cycle), not 62 h; two weekdays apart stay as they were.
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** News hours between two ISO times (order does not matter); undefined when either is missing or unparseable. */
export function newsHoursBetween(a: string | undefined, b: string | undefined): number | undefined {
  if (!a || !b) return undefined;
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
  const [from, to] = x <= y ? [x, y] : [y, x];
  return (to - from - weekendMs(from, to)) / HOUR;
}

/** Milliseconds of Saturday and Sunday (UTC) inside [from, to]. */
function weekendMs(from: number, to: number): number {
  // Every whole week holds two weekend days; only the remainder is walked day by day, so items
  // months apart (a recurring report) cost no more than items hours apart.
  const weeks = Math.floor((to - from) / (7 * DAY));
  let total = weeks * 2 * DAY;
  from += weeks * 7 * DAY;
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) continue;
    total += Math.max(0, Math.min(to, day + DAY) - Math.max(from, day));
  }
  return total;
}
