// Writes src/enrich/topics/parsed-cues.json, config/topics.yaml parsed ahead of time so processes
// skip the YAML parser (see src/enrich/topics/parsed-cues.ts). Run it after editing the cues;
// test/enrich/parsed-cues.test.ts fails while the file is stale.
//
//   npm run build:topic-cues
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadTopicVocabulary } from '../src/enrich/topics/vocabulary.js';
import { PARSED_CUES_URL, parsedCuesFile } from '../src/enrich/topics/parsed-cues.js';

const source = new URL('../config/topics.yaml', import.meta.url);
const yamlText = readFileSync(source, 'utf8');
// the cues must load (valid codes and weights) before their parsed form ships
loadTopicVocabulary(source, undefined, null);
writeFileSync(PARSED_CUES_URL, parsedCuesFile(yamlText, parse(yamlText) as unknown));
console.log(`wrote ${PARSED_CUES_URL.pathname}`);
