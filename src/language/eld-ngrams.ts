// ELD's 'medium' n-gram database, read from JSON rather than from the package's 2 MB JavaScript
// object literal: V8 parses the literal in about 400 ms, JSON.parse the same data in about 120,
// and every process that extracts or enriches pays it. eld-medium.json.gz is the package's
// data written out as JSON (`npm run build:eld-ngrams`) with the package version it came from;
// when the installed eld is another version, the package's own 'medium' detector is used.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { eld as MediumEld } from 'eld/medium';

export type Eld = typeof MediumEld;

export const ELD_NGRAMS_URL = new URL('./eld-medium.json.gz', import.meta.url);

interface NgramsFile {
  eld: string;
  ngrams: unknown;
}

/** The installed eld package's folder and version (its exports hide both). */
export function eldPackage(): { dir: string; version: string } {
  const paths = createRequire(import.meta.url).resolve.paths('eld') ?? [];
  const dir = paths.map((p) => join(p, 'eld')).find((d) => existsSync(join(d, 'package.json')));
  if (!dir) throw new Error('language: the eld package is not installed');
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { dir, version };
}

/** The generated file's text for eld `version`'s 'medium' n-gram data. */
export function ngramsFile(version: string, ngrams: unknown): string {
  return JSON.stringify({ eld: version, ngrams } satisfies NgramsFile);
}

/** A 'medium' detector: from the JSON when it matches the installed eld, else the package's own. */
export async function loadMediumEld(): Promise<Eld> {
  const { dir, version } = eldPackage();
  const file = JSON.parse(gunzipSync(readFileSync(ELD_NGRAMS_URL)).toString('utf8')) as NgramsFile;
  if (file.eld !== version) return (await import('eld/medium')).eld;
  // the same two calls the package's 'medium' entry makes, with the data from JSON
  const { createEld } = (await import(pathToFileURL(join(dir, 'src/languageDetector.js')).href)) as {
    createEld: () => { instance: Eld; loadData: (data: unknown) => unknown };
  };
  const { instance, loadData } = createEld();
  loadData(file.ngrams);
  return instance;
}
