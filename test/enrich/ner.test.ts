import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { toBio } from '../../src/enrich/ner/conll.js';
import {
  loadModel,
  MODEL_PATH,
  recognize,
  splitSentences,
  tokenize,
  type NerSpan,
} from '../../src/enrich/ner/index.js';
import { trainTagger } from '../../src/enrich/ner/train.js';

const seedStory = readFileSync(new URL('../../fixtures/seed-wire-story.txt', import.meta.url), 'utf8');

function found(spans: NerSpan[], type: NerSpan['type']): string[] {
  return spans.filter((s) => s.type === type).map((s) => s.text);
}

describe('tokenize', () => {
  it('splits punctuation and possessives but keeps abbreviations and initials whole', () => {
    const text = 'Mr. J. Smith’s firm, based in the U.S., didn’t sell Acme Inc. shares.';
    const words = tokenize(text).map((t) => t.text);
    expect(words).toEqual([
      'Mr.',
      'J.',
      'Smith',
      '’s',
      'firm',
      ',',
      'based',
      'in',
      'the',
      'U.S.',
      ',',
      'did',
      'n’t',
      'sell',
      'Acme',
      'Inc.',
      'shares',
      '.',
    ]);
  });

  it('gives offsets that slice back to each token', () => {
    for (const t of tokenize(seedStory)) expect(seedStory.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('splitSentences', () => {
  it('does not end a sentence at a title or an initial', () => {
    const sentences = splitSentences('Mr. Smith met Gen. J. Doe in Paris. They talked.\n\nA new paragraph');
    expect(sentences.map((s) => s.tokens.map((t) => t.text).join(' '))).toEqual([
      'Mr. Smith met Gen. J. Doe in Paris .',
      'They talked .',
      'A new paragraph',
    ]);
  });

  it('keeps a closing quote with the sentence it closes', () => {
    const [first] = splitSentences('He said: “We will win.” Then he left.');
    expect(first.tokens.at(-1)?.text).toBe('”');
  });
});

describe('reading CoNLL tags', () => {
  it('turns IOB1 runs into BIO spans, splitting adjacent same-type names at B-', () => {
    expect(toBio(['I-PER', 'I-PER', 'O', 'I-LOC', 'B-LOC', 'I-ORG'])).toEqual([
      'B-PER',
      'I-PER',
      'O',
      'B-LOC',
      'B-LOC',
      'B-ORG',
    ]);
  });
});

describe('the shipped model', () => {
  // Its load time is in `npm run bench -- enrich`; a wall-clock bound here would fail on a busy machine.
  it('is under 30 MB and loads', () => {
    expect(statSync(MODEL_PATH).size).toBeLessThan(30e6);
    expect(() => loadModel(MODEL_PATH)).not.toThrow();
  });

  it('finds the people, organisations and places in plain news sentences', () => {
    const text =
      'Angela Merkel met Emmanuel Macron in Berlin on Monday. ' +
      'Shares of Microsoft rose after the European Central Bank held rates, said Janet Yellen, who spoke in Washington.';
    const spans = recognize(text);
    expect(found(spans, 'PER')).toEqual(expect.arrayContaining(['Angela Merkel', 'Emmanuel Macron', 'Janet Yellen']));
    expect(found(spans, 'ORG')).toEqual(expect.arrayContaining(['Microsoft', 'European Central Bank']));
    expect(found(spans, 'LOC')).toEqual(expect.arrayContaining(['Berlin']));
    const merkel = spans.find((s) => s.text === 'Angela Merkel');
    expect(merkel).toMatchObject({ start: 0, end: 13 });
  });

  it('reports spans whose offsets slice to their text, in order', () => {
    const spans = recognize(seedStory);
    expect(spans.length).toBeGreaterThan(50);
    let last = -1;
    for (const s of spans) {
      expect(seedStory.slice(s.start, s.end)).toBe(s.text);
      expect(s.start).toBeGreaterThan(last);
      last = s.start;
    }
  });

  it('finds the leaders and countries in a real AP story with curly apostrophes', () => {
    const spans = recognize(seedStory);
    expect(found(spans, 'PER')).toEqual(expect.arrayContaining(['Kim Jong Un', 'Vladimir Putin']));
    expect(found(spans, 'LOC')).toEqual(expect.arrayContaining(['North Korea', 'Russia']));
    // "North Korea’s official news agency": the possessive stays outside the name
    const possessive = seedStory.indexOf('North Korea’s');
    expect(spans).toContainEqual({
      type: 'LOC',
      start: possessive,
      end: possessive + 'North Korea'.length,
      text: 'North Korea',
    });
  });

  it('tags a 1,000-word article in well under 50 ms of CPU time', () => {
    const words = seedStory.split(/\s+/);
    const article = words.slice(0, 1000).join(' ');
    recognize(article);
    // CPU time, not wall time: other work on a shared machine must not fail this test
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const started = process.cpuUsage();
      recognize(article);
      const used = process.cpuUsage(started);
      times.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    expect(times[4]).toBeLessThan(50);
  });
});

describe('a model trained and loaded from a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-ner-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('learns names from its training sentences and tags new ones', () => {
    const people = ['Anna Berg', 'Tom Hale', 'Lena Voss', 'Omar Reyes', 'Ivo Marsh', 'Ada Quinn'];
    const places = ['Oslo', 'Lima', 'Hanoi', 'Quito', 'Riga', 'Accra'];
    const sentences = people.flatMap((person, i) => {
      const [first, last] = person.split(' ');
      const place = places[i];
      return [
        {
          words: [first, last, 'flew', 'to', place, '.'],
          tags: toBio(['I-PER', 'I-PER', 'O', 'O', 'I-LOC', 'O']),
          doc: i,
        },
        {
          words: ['In', place, ',', first, last, 'spoke', '.'],
          tags: toBio(['O', 'I-LOC', 'O', 'I-PER', 'I-PER', 'O', 'O']),
          doc: i,
        },
      ];
    });
    const model = trainTagger(sentences, { epochs: 5, seed: 1, gazetteer: {}, folds: 2 });
    const path = join(dir, 'tiny.json.gz');
    writeFileSync(path, gzipSync(JSON.stringify(model)));

    const tagger = loadModel(path);
    expect(tagger.tag(['Tom', 'Hale', 'flew', 'to', 'Riga', '.'])).toEqual(['B-PER', 'I-PER', 'O', 'O', 'B-LOC', 'O']);
    expect(recognize('Ivo Marsh flew to Lima.', tagger)).toEqual([
      { type: 'PER', start: 0, end: 9, text: 'Ivo Marsh' },
      { type: 'LOC', start: 18, end: 22, text: 'Lima' },
    ]);
  });
});
