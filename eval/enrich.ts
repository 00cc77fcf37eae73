// `npm run eval -- enrich [--verbose]`: runs enrich() over the hand-labelled development set in
// fixtures/enrich-dev/ and prints
//   - entities: precision, recall and F1 per type, by canonical name, per document (a name
//     predicted anywhere in a story counts once; 'acceptable' names are neither hit nor miss),
//   - topics: recall and precision of top-level codes (expected narrower codes imply their
//     top-level), top-1 accuracy, and the same for narrower codes,
//   - language accuracy.
// With --verbose, each story's misses and false alarms follow.
import { readFileSync } from 'node:fs';
import type { Dateline, EntityType } from '../src/shared/types.js';
import { enrich, loadTopicVocabulary } from '../src/enrich/index.js';

interface DevStory {
  id: string;
  language: string;
  title: string;
  dateline?: Dateline;
  bodyText: string;
  expected: {
    topics: string[];
    entities: Record<EntityType, string[]>;
    acceptable: string[];
    aliases: Record<string, string[]>;
  };
}

const DEV_DIR = new URL('../fixtures/enrich-dev/', import.meta.url);
const TYPES: EntityType[] = ['person', 'organization', 'location'];

function loadDevSet(): DevStory[] {
  return readFileSync(new URL('dev.jsonl', DEV_DIR), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as DevStory);
}

/** Case, accents, dots and a leading "the" do not make a different name. */
function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’`]/g, "'")
    .replace(/\./g, '')
    .replace(/^the\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
const prf = ({ tp, fp, fn }: Counts): string => {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `${(p * 100).toFixed(1)} | ${(r * 100).toFixed(1)} | ${(f * 100).toFixed(1)} | ${tp} | ${fp} | ${fn}`;
};

export async function run(args: string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  const meta = JSON.parse(readFileSync(new URL('meta.json', DEV_DIR), 'utf8')) as {
    globalAliases: Record<string, string[]>;
  };
  const vocab = loadTopicVocabulary();
  const topOf = (code: string): string => {
    let c = code;
    while (vocab.concepts.get(c)?.broader) c = vocab.concepts.get(c)!.broader!;
    return c;
  };
  const ancestors = (code: string): string[] => {
    const chain: string[] = [];
    for (let c = vocab.concepts.get(code)?.broader; c; c = vocab.concepts.get(c)?.broader) chain.push(c);
    return chain;
  };

  const entityCounts = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<EntityType, Counts>;
  const top: Counts = { tp: 0, fp: 0, fn: 0 };
  const narrower: Counts = { tp: 0, fp: 0, fn: 0 };
  let top1 = 0;
  let englishStories = 0;
  let languageRight = 0;
  const stories = loadDevSet();

  for (const story of stories) {
    const result = enrich({ title: story.title, bodyText: story.bodyText, dateline: story.dateline });
    if (result.language === story.language) languageRight++;
    const notes: string[] = [];

    // Entities: map every surface alias to its canonical name, then compare name sets.
    const canonical = new Map<string, string>();
    for (const [name, aliases] of Object.entries({ ...meta.globalAliases, ...story.expected.aliases })) {
      for (const alias of [name, ...aliases]) canonical.set(normaliseName(alias), normaliseName(name));
    }
    const toCanonical = (name: string): string => canonical.get(normaliseName(name)) ?? normaliseName(name);
    const acceptable = new Set(story.expected.acceptable.map(toCanonical));
    for (const type of TYPES) {
      const expected = new Set(story.expected.entities[type].map(toCanonical));
      const predicted = new Set(result.entities.filter((e) => e.type === type).map((e) => toCanonical(e.name)));
      for (const name of predicted) {
        if (expected.has(name)) entityCounts[type].tp++;
        else if (!acceptable.has(name)) {
          entityCounts[type].fp++;
          notes.push(`  + ${type} ${name}`);
        }
      }
      for (const name of expected) {
        if (!predicted.has(name)) {
          entityCounts[type].fn++;
          notes.push(`  - ${type} ${name}`);
        }
      }
    }

    // Topics (English stories only: the others expect none and are counted under language).
    if (story.language === 'en') {
      englishStories++;
      const codes = result.topics.map((t) => t.code);
      const expectedTop = new Set(story.expected.topics.map(topOf));
      const predictedTop = codes.filter((c) => topOf(c) === c);
      if (predictedTop[0] && expectedTop.has(predictedTop[0])) top1++;
      for (const code of predictedTop) {
        if (expectedTop.has(code)) top.tp++;
        else top.fp++;
      }
      for (const code of expectedTop) if (!predictedTop.includes(code)) top.fn++;
      const expectedNarrow = story.expected.topics.filter((c) => topOf(c) !== c);
      const implied = new Set(expectedNarrow.flatMap((c) => [c, ...ancestors(c)]));
      for (const code of codes.filter((c) => topOf(c) !== c)) {
        if (implied.has(code)) narrower.tp++;
        else narrower.fp++;
      }
      for (const code of expectedNarrow) if (!codes.includes(code)) narrower.fn++;
      const label = (c: string): string => `${c} ${vocab.concepts.get(c)?.label}`;
      for (const c of expectedTop) if (!predictedTop.includes(c)) notes.push(`  - topic ${label(c)}`);
      for (const c of predictedTop) if (!expectedTop.has(c)) notes.push(`  + topic ${label(c)}`);
      for (const c of expectedNarrow) if (!codes.includes(c)) notes.push(`  - topic ${label(c)}`);
    } else if (result.topics.length > 0 || result.entities.length > 0) {
      notes.push(`  + ${result.topics.length} topics, ${result.entities.length} entities on ${story.language}`);
    }
    if (story.language !== result.language) notes.push(`  language ${result.language}, expected ${story.language}`);
    if (verbose && notes.length) console.log(`${story.id}\n${notes.join('\n')}`);
  }

  const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;
  console.log(`\nenrich on fixtures/enrich-dev: ${stories.length} stories, ${englishStories} in English\n`);
  console.log('| entities | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|');
  for (const type of TYPES) console.log(`| ${type} | ${prf(entityCounts[type])} |`);
  const all = TYPES.reduce(
    (sum, t) => ({ tp: sum.tp + entityCounts[t].tp, fp: sum.fp + entityCounts[t].fp, fn: sum.fn + entityCounts[t].fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
  console.log(`| all | ${prf(all)} |\n`);
  console.log('| topics | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|');
  console.log(`| top-level | ${prf(top)} |`);
  console.log(`| narrower | ${prf(narrower)} |\n`);
  console.log(`top-level top-1 accuracy: ${pct(top1, englishStories)}`);
  console.log(`language accuracy: ${pct(languageRight, stories.length)}`);
}
