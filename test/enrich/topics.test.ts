import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sharedDataPath } from '../../scripts/shared-data.js';
import { buildTopicVocabulary, classifyTopics, loadTopicVocabulary } from '../../src/enrich/topics/index.js';

const vocab = loadTopicVocabulary();
const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
const codes = (text: string, title?: string): string[] => classifyTopics(text, title, vocab).map((t) => t.code);

const POLITICS = 'medtop:11000000';
const CONFLICT = 'medtop:16000000';
const SPORT = 'medtop:15000000';

/** The IPTC source the shipped vocabulary is generated from (scripts/build-iptc-vocab.ts). */
const IPTC_SOURCE = sharedDataPath('iptc/mediatopic-cptall-en-GB.json');

describe('the shipped topic configuration', () => {
  const shipped = JSON.parse(configFile('iptc-mediatopics.json')) as {
    credit: string;
    concepts: { code: string; label: string; broader?: string }[];
  };
  // The raw cue file, not the compiled vocabulary, so every listed code is checked.
  const cued = Object.keys((parseYaml(configFile('topics.yaml')) as { topics: object }).topics);

  it('cues only codes of the shipped IPTC vocabulary', () => {
    const known = new Set(shipped.concepts.map((c) => c.code));
    expect(cued.length).toBeGreaterThan(60);
    expect(cued.filter((code) => !known.has(code))).toEqual([]);
  });

  it('ships exactly the current (not retired) IPTC concepts', () => {
    const source = JSON.parse(readFileSync(IPTC_SOURCE, 'utf8')) as {
      conceptSet: { qcode: string; retired?: string; prefLabel: Record<string, string> }[];
    };
    const current = source.conceptSet.filter((c) => !c.retired);
    expect(shipped.concepts.map((c) => c.code).sort()).toEqual(current.map((c) => c.qcode).sort());
    const label = new Map(current.map((c) => [c.qcode, c.prefLabel['en-GB']]));
    expect(shipped.concepts.filter((c) => c.label !== label.get(c.code))).toEqual([]);
  });

  it('covers all 17 top-level topics', () => {
    const topLevel = [...vocab.concepts.values()].filter((c) => !c.broader).map((c) => c.code);
    expect(topLevel).toHaveLength(17);
    expect(topLevel.filter((code) => !cued.includes(code))).toEqual([]);
  });

  it('credits IPTC and keeps the hierarchy (football under competition discipline under sport)', () => {
    expect(shipped.credit).toBe('IPTC Media Topics');
    expect(vocab.concepts.get('medtop:20001065')?.broader).toBe('medtop:20000822');
    expect(vocab.concepts.get('medtop:20000822')?.broader).toBe(SPORT);
  });
});

describe('classifyTopics', () => {
  it('files the seed story (Kim Jong Un visits Putin) under politics and conflict', () => {
    const topics = codes(fixture('seed-wire-story.txt'), 'Kim Jong Un arrives in Russia for talks with Putin');
    expect(topics).toContain(POLITICS);
    expect(topics).toContain(CONFLICT);
    expect(topics).toContain('medtop:20000638'); // international relations
  });

  it('brings in the parent of every narrower topic, scored at least as high', () => {
    const topics = classifyTopics(fixture('seed-wire-story.txt'), undefined, vocab);
    const byCode = new Map(topics.map((t) => [t.code, t]));
    for (const topic of topics) {
      const parent = vocab.concepts.get(topic.code)?.broader;
      if (!parent) continue;
      expect(byCode.get(parent), `${topic.code} without its parent ${parent}`).toBeDefined();
      expect(byCode.get(parent)!.score).toBeGreaterThanOrEqual(topic.score);
    }
  });

  it('labels topics from the vocabulary', () => {
    const [first] = classifyTopics(fixture('seed-wire-story.txt'), undefined, vocab);
    expect(first.label).toBe(vocab.concepts.get(first.code)!.label);
  });

  it('files a football report under sport and football, not other sports', () => {
    const text = `Erling Haaland scored twice as Manchester City beat Arsenal 2-1 in the Premier League on
Sunday. The Norway striker headed in the opener before halftime and added a second from the penalty
spot after a foul on Phil Foden. Arsenal pulled one back in stoppage time through Bukayo Saka, but
goalkeeper Ederson kept City ahead and the champions moved three points clear at the top of the
table. "We showed character," manager Pep Guardiola said after the match.`;
    const topics = codes(text, 'Haaland double sends City clear at the top');
    expect(topics).toContain(SPORT);
    expect(topics).toContain('medtop:20001065');
    expect(topics).not.toContain('medtop:20000823'); // American football
    expect(topics).not.toContain(POLITICS);
  });

  it('tells tennis from basketball', () => {
    const tennis = `Iga Swiatek beat Coco Gauff 6-4 6-2 in the French Open semifinal on Thursday, breaking
serve four times on the clay court at Roland Garros. The top seed will face Jasmine Paolini in the
final. Swiatek has now won 19 straight matches at the Grand Slam tournament.`;
    const basketball = `Stephen Curry scored 38 points, including eight 3-pointers, and the Golden State Warriors
beat the Boston Celtics 118-110 in the NBA on Friday night. Draymond Green had 12 rebounds and
10 assists, while Jayson Tatum led the Celtics with 30 points in the fourth quarter comeback bid.`;
    expect(codes(tennis)).toContain('medtop:20001085');
    expect(codes(tennis)).not.toContain('medtop:20000851');
    expect(codes(basketball)).toContain('medtop:20000851');
    expect(codes(basketball)).not.toContain('medtop:20001085');
  });

  it('counts a cue in the headline more than the same cue in the body', () => {
    const body = 'Officials met on Monday. The election commission and the court both issued statements.';
    const withElection = classifyTopics(body, 'Election commission sets date for vote', vocab);
    const withCourt = classifyTopics(body, 'Court ruling upheld by judges', vocab);
    expect(withElection[0]?.code).toBe(POLITICS);
    expect(withCourt[0]?.code).toBe('medtop:02000000');
  });

  it('matches a capitalised cue in its own case, or in an all-capitals headline', () => {
    const fedOnly = buildTopicVocabulary([...vocab.concepts.values()], {
      topics: { 'medtop:20000344': { cues: { Fed: 5 } } },
    });
    const lenient = { minScore: 1, minNarrowerScore: 1 };
    const found = (text: string, title?: string): number => classifyTopics(text, title, fedOnly, lenient).length;
    expect(found('Residents said they were fed up with the noise.')).toBe(0);
    expect(found('Economists expect the Fed to hold rates.')).toBeGreaterThan(0);
    expect(found('Rates unchanged.', 'FED HOLDS RATES')).toBeGreaterThan(0);
    const body = 'The visitors scored twice after the break to win 2-0.';
    expect(codes(body, 'SOCCER - PREMIER LEAGUE LEADERS ARSENAL WIN AT CHELSEA')).toContain('medtop:20001065');
  });

  it('returns nothing for text without topical cues', () => {
    expect(codes('The quick brown fox jumps over the lazy dog near the river bank.')).toEqual([]);
  });

  it('returns at most five topics even for a story touching many subjects', () => {
    const omnibus = [
      'The election campaign, the war in Ukraine, the earthquake in Turkey, the Premier League title race,',
      'inflation and interest rates, a cancer vaccine trial, the Oscars, a teachers strike, a heatwave',
      "warning from the Met Office and the pope's Easter message all featured in the weekly news quiz.",
    ].join(' ');
    const uncapped = classifyTopics(omnibus, 'News quiz', vocab, { maxTopics: 100, maxTopLevel: 17 });
    expect(uncapped.length).toBeGreaterThan(5);
    const capped = codes(omnibus, 'News quiz');
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.length).toBeLessThanOrEqual(5);
  });
});

describe('loadTopicVocabulary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lede-topics-'));
  const write = (name: string, yaml: string): string => {
    const path = join(dir, name);
    writeFileSync(path, yaml);
    return path;
  };

  it('names the bad key when a cue weight is not a number', () => {
    const path = write('bad-weight.yaml', 'topics:\n  "medtop:15000000":\n    cues: { soccer: heavy }\n');
    expect(() => loadTopicVocabulary(path)).toThrow(/topics\.medtop:15000000\.cues\.soccer/);
  });

  it('names a code that is not a current IPTC Media Topic', () => {
    const path = write('bad-code.yaml', 'topics:\n  "medtop:99999999":\n    cues: { nonsense: 2 }\n');
    expect(() => loadTopicVocabulary(path)).toThrow(/medtop:99999999.*not a current IPTC Media Topic/);
  });

  it('names the file and the unexpected field', () => {
    const path = write('bad-field.yaml', 'topics:\n  "medtop:15000000":\n    cue: { soccer: 2 }\n');
    expect(() => loadTopicVocabulary(path)).toThrow(new RegExp(`${path.replace(/[.]/g, '\\.')}.*medtop:15000000`));
  });

  it('rejects a prefix cue too short to be safe', () => {
    expect(() =>
      buildTopicVocabulary([...vocab.concepts.values()], { topics: { 'medtop:07000000': { cues: { 'va*': 2 } } } }),
    ).toThrow(/topics\.medtop:07000000\.cues\.va\*/);
  });

  it('lets an operator add a topic with their own cues', () => {
    const yaml = 'topics:\n  "medtop:20000210":\n    cues: { "soybean harvest": 4, farmers: 3 }\n';
    const custom = loadTopicVocabulary(write('custom.yaml', yaml));
    const text = 'Farmers expect a record soybean harvest; farmers say prices are low.';
    const topics = classifyTopics(text, undefined, custom);
    expect(topics.map((t) => t.code)).toEqual(['medtop:04000000', 'medtop:20000209', 'medtop:20000210']);
  });
});

function configFile(name: string): string {
  return readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8');
}
