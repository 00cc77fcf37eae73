// `npm run bench -- enrich [--runs N]`: time to enrich one 1,000-word English article (built by
// joining stories of fixtures/enrich-dev), after warm-up, overall and per step. Target: median
// under 20 ms. Also the NER model's load time (target: under 2 s), once per process.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { extractEntities } from '../src/enrich/entities/index.js';
import { loadModel, MODEL_PATH } from '../src/enrich/ner/index.js';
import { detectLanguage, enrich, extractKeywords, classifyTopics, loadTopicVocabulary } from '../src/enrich/index.js';

const TARGET_WORDS = 1_000;
const WARM_UP = 20;

function article(): { title: string; bodyText: string } {
  const stories = readFileSync(new URL('../fixtures/enrich-dev/dev.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { language: string; title: string; bodyText: string })
    .filter((s) => s.language === 'en');
  const paragraphs: string[] = [];
  let words = 0;
  for (const story of stories) {
    for (const paragraph of story.bodyText.split(/\n\s*\n/)) {
      const count = paragraph.split(/\s+/).length;
      if (words + count > TARGET_WORDS) return { title: stories[0].title, bodyText: paragraphs.join('\n\n') };
      paragraphs.push(paragraph);
      words += count;
    }
  }
  return { title: stories[0].title, bodyText: paragraphs.join('\n\n') };
}

function time(fn: () => void, runs: number): { median: number; p95: number } {
  for (let i = 0; i < WARM_UP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { median: at(0.5), p95: at(0.95) };
}

export async function run(args: string[]): Promise<void> {
  const runsArg = args.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 200;
  const input = article();
  const vocab = loadTopicVocabulary();
  const cuesAlone = { ...vocab, model: undefined };
  const words = input.bodyText.split(/\s+/).length;

  // Before anything else loads the model: this is what a worker pays once at start.
  const loadStart = performance.now();
  loadModel(MODEL_PATH);
  const loadMs = performance.now() - loadStart;

  const rows: [string, { median: number; p95: number }][] = [
    ['enrich (all steps)', time(() => enrich(input, vocab), runs)],
    ['language', time(() => detectLanguage(input.bodyText), runs)],
    ['entities', time(() => extractEntities(input), runs)],
    ['topics', time(() => classifyTopics(input.bodyText, input.title, vocab), runs)],
    ['topics (cues alone, no model)', time(() => classifyTopics(input.bodyText, input.title, cuesAlone), runs)],
    ['keywords', time(() => extractKeywords(input.title, input.bodyText), runs)],
  ];

  console.log(`\n### enrich: one ${words}-word English article, ${runs} runs after ${WARM_UP} warm-up\n`);
  console.log('| step | median ms | p95 ms |\n|---|---|---|');
  for (const [step, { median, p95 }] of rows) console.log(`| ${step} | ${median.toFixed(2)} | ${p95.toFixed(2)} |`);
  console.log(`\nNER model load: ${loadMs.toFixed(0)} ms`);
  console.log(`\nmachine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}`);
}
