// Writes src/language/eld-medium.json.gz, the installed eld package's 'medium' n-gram data as
// JSON (see src/language/eld-ngrams.ts). Run it after upgrading eld;
// test/language/eld-ngrams.test.ts fails while the file is stale.
//
//   npm run build:eld-ngrams
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ELD_NGRAMS_URL, eldPackage, ngramsFile } from '../src/language/eld-ngrams.js';

const { dir, version } = eldPackage();
const { ngramsData } = (await import(pathToFileURL(join(dir, 'src/ngrams/medium.js')).href)) as { ngramsData: unknown };
writeFileSync(ELD_NGRAMS_URL, gzipSync(ngramsFile(version, ngramsData), { level: 9 }));
console.log(`wrote ${ELD_NGRAMS_URL.pathname} (eld ${version})`);
