// Builds config/iptc-mediatopics.json from the IPTC Media Topics SKOS export: code, label and
// broader code of every concept still in use. The topic classifier only needs the hierarchy and
// the labels, so the shipped file stays small (definitions and mappings stay upstream).
//
//   npx tsx scripts/build-iptc-vocab.ts [source.json] [output.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { sharedDataPath } from './shared-data.js';

const source = process.argv[2] ?? sharedDataPath('iptc/mediatopic-cptall-en-GB.json');
const output = process.argv[3] ?? new URL('../config/iptc-mediatopics.json', import.meta.url).pathname;

interface SkosConcept {
  qcode: string;
  prefLabel: Record<string, string>;
  broader?: string[];
  retired?: string;
}
interface SkosScheme {
  dateReleased: string;
  conceptSet: SkosConcept[];
}

const scheme = JSON.parse(readFileSync(source, 'utf8')) as SkosScheme;
const toCode = (uri: string): string => `medtop:${uri.split('/').pop()}`;

const concepts = scheme.conceptSet
  .filter((c) => !c.retired)
  .map((c) => ({
    code: c.qcode,
    label: c.prefLabel['en-GB'],
    // Every Media Topic has at most one broader concept; top-level ones have none.
    ...(c.broader?.length ? { broader: toCode(c.broader[0]) } : {}),
  }))
  .sort((a, b) => a.code.localeCompare(b.code));

const vocab = {
  credit: 'IPTC Media Topics',
  licence: 'CC BY 4.0, https://creativecommons.org/licenses/by/4.0/',
  source: 'http://cv.iptc.org/newscodes/mediatopic/',
  released: scheme.dateReleased,
  concepts,
};
writeFileSync(output, JSON.stringify(vocab, null, 0).replace(/\},\{/g, '},\n{') + '\n');
console.log(`wrote ${concepts.length} concepts to ${output}`);
