// `npm run train:ner [-- --data DIR] [--epochs N] [--seeds 1,2,3] [--out FILE]`: trains the
// named-entity tagger on CoNLL-2003 (eng.train; eng.testa reported as dev) once per seed, averages
// the models and writes models/ner-en.json.gz. The corpus is research-only: only the trained
// weights and name lists are shipped, never its text.
import { statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { readConll } from '../src/enrich/ner/conll.js';
import { externalNameLists } from '../src/enrich/ner/name-lists.js';
import { averageModels, trainTagger } from '../src/enrich/ner/train.js';
import { sharedDataDir } from './shared-data.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.LEDE_CONLL_DIR ?? resolve(sharedDataDir(), 'conll2003') },
    epochs: { type: 'string', default: '10' },
    seeds: { type: 'string', default: '1,2,3' },
    out: { type: 'string', default: join(root, 'models/ner-en.json.gz') },
  },
});

const started = Date.now();
const train = readConll(join(values.data, 'eng.train'));
const dev = readConll(join(values.data, 'eng.testa'));
const gazetteer = externalNameLists();
const models = values.seeds.split(',').map((seed) => {
  console.log(`ner: training with seed ${seed}`);
  return trainTagger(train, {
    epochs: Number(values.epochs),
    seed: Number(seed),
    gazetteer,
    dev,
    log: (line) => console.log(line),
  });
});
const model = averageModels(models);
const trainingSeconds = (Date.now() - started) / 1000;
model.meta = { ...model.meta, data: 'CoNLL-2003 eng.train', trainingSeconds };
writeFileSync(values.out, gzipSync(JSON.stringify(model), { level: 9 }));
const mb = statSync(values.out).size / 1e6;
console.log(
  `ner: wrote ${values.out} (${mb.toFixed(1)} MB, ${model.features.length} features) in ${trainingSeconds.toFixed(0)} s`,
);
console.log('ner: score the averaged model with `npm run eval -- ner`');
