import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ELD_NGRAMS_URL, eldPackage, loadMediumEld, ngramsFile } from '../../src/language/eld-ngrams.js';

describe("ELD's n-grams read from JSON", () => {
  it('match the installed eld package (after upgrading eld: npm run build:eld-ngrams)', async () => {
    const { dir, version } = eldPackage();
    const { ngramsData } = (await import(pathToFileURL(join(dir, 'src/ngrams/medium.js')).href)) as {
      ngramsData: unknown;
    };
    expect(gunzipSync(readFileSync(ELD_NGRAMS_URL)).toString('utf8') === ngramsFile(version, ngramsData)).toBe(true);
  });

  it("detect as the package's own medium detector does", async () => {
    const [fromJson, { eld }] = await Promise.all([loadMediumEld(), import('eld/medium')]);
    const texts = [
      'The Bank of England held interest rates on Thursday.',
      'Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen.',
      'Le gouvernement a annoncé mardi une nouvelle réforme des retraites.',
      'Москва заявила в четверг о новых санкциях.',
    ];
    for (const text of texts) {
      const [a, b] = [fromJson.detect(text), eld.detect(text)];
      expect({ language: a.language, scores: a.getScores() }).toEqual({ language: b.language, scores: b.getScores() });
    }
  });
});
