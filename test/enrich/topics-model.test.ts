// The learnt top-level topic model (models/topics-en.json.gz, `npm run train:topics`) inside
// classifyTopics, on short wire-style stories written for this test.
import { describe, expect, it } from 'vitest';
import { classifyTopics, loadTopicModel, loadTopicVocabulary } from '../../src/enrich/topics/index.js';

const vocab = loadTopicVocabulary();
const cuesOnly = loadTopicVocabulary(undefined, undefined, null);
const first = (title: string, text: string): string | undefined => classifyTopics(text, title, vocab)[0]?.code;

const STORIES: [string, string, string][] = [
  [
    'medtop:11000000',
    'Parliament backs coalition budget after all-night debate',
    `Lawmakers approved the coalition government's budget by 312 votes to 280 early on Wednesday after an
all-night debate, handing the prime minister a narrow victory. Opposition parties said they would
challenge the vote. The finance minister told parliament the spending plan would cut the deficit.`,
  ],
  [
    'medtop:02000000',
    'Man jailed for 12 years over armed bank robbery',
    `A court sentenced a 34-year-old man to 12 years in prison on Friday for robbing a bank at gunpoint
and taking two staff hostage. The judge said the defendant had shown no remorse. Police arrested him
after a chase through the city centre, prosecutors told the court.`,
  ],
  [
    'medtop:04000000',
    'Retailer posts higher quarterly profit, raises dividend',
    `The retail group said on Thursday its net profit rose 14 percent to 212 million dollars in the third
quarter on higher sales at its discount stores. Revenue climbed 8 percent to 3.1 billion dollars. The
company raised its quarterly dividend to 35 cents a share. Its shares rose 3 percent in early trading.`,
  ],
  [
    'medtop:03000000',
    'Earthquake kills dozens in mountain villages',
    `A strong earthquake struck a remote mountain region on Monday, killing at least 40 people and
injuring hundreds, officials said. Rescue workers were searching collapsed houses for survivors as
aftershocks shook the area. The quake destroyed roads to several villages.`,
  ],
  [
    'medtop:15000000',
    'Champions held to goalless draw at home',
    `The league champions were held to a 0-0 draw by the bottom club on Saturday, missing the chance to
go three points clear at the top of the table. The striker hit the post twice in the second half and
the visiting goalkeeper made several saves.`,
  ],
];

describe('topic model', () => {
  it('ships a model over the top-level topics only', () => {
    const model = loadTopicModel();
    expect(model.classes.length).toBeGreaterThan(10);
    expect(model.classes.filter((code) => vocab.concepts.get(code)?.broader)).toEqual([]);
    expect(vocab.model).toBeDefined();
  });

  it.each(STORIES)('files the story under %s first', (code, title, text) => {
    expect(first(title, text)).toBe(code);
  });

  it('reports the top-level topic first and no narrower topic above its parent', () => {
    for (const [, title, text] of STORIES) {
      const topics = classifyTopics(text, title, vocab);
      expect(vocab.concepts.get(topics[0].code)?.broader).toBeUndefined();
      const score = new Map(topics.map((t) => [t.code, t.score]));
      for (const t of topics) {
        const parent = vocab.concepts.get(t.code)?.broader;
        if (parent) expect(score.get(parent)).toBeGreaterThanOrEqual(t.score);
      }
    }
  });

  it('keeps a second subject the cues find (a war story that is also about diplomacy)', () => {
    const text = `Troops and rebels fought heavy battles near the border on Sunday as foreign ministers met
for peace talks in the capital. The army said 20 rebels were killed in the fighting, while diplomats
said a ceasefire proposal was on the table and the president would meet the envoy on Monday.`;
    const codes = classifyTopics(text, 'Fighting rages as ministers meet for peace talks', vocab).map((t) => t.code);
    expect(codes).toContain('medtop:16000000');
    expect(codes.length).toBeGreaterThan(1);
  });

  it('still says nothing about text with no news in it', () => {
    expect(
      classifyTopics('The quick brown fox jumps over the lazy dog near the river bank.', undefined, vocab),
    ).toEqual([]);
  });

  it('falls back to the cues alone when loaded without a model', () => {
    expect(cuesOnly.model).toBeUndefined();
    const [, title, text] = STORIES[4];
    expect(classifyTopics(text, title, cuesOnly)[0]?.code).toBe('medtop:15000000');
  });
});
