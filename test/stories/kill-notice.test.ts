// Wire kill notices through the store stage (SQLite in memory): the notice withdraws the story
// it names (by slug, else by headline) instead of starting a story of its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/index.js';
import type { Store } from '../../src/storage/store.js';
import { storeArticle, type StoreInput } from '../../src/pipeline/store.js';
import { defaultThresholds } from '../../src/stories/match.js';

const perle = {
  title: 'PERLE SAYS U.S. SHOULD KEEP PRESSURE ON JAPAN OVER CHIPS',
  text:
    'Former Assistant Defense Secretary Richard Perle said the United States should keep up pressure on Japan to open its semiconductor market, warning that a trade pact signed last year had done little.\n\n' +
    'Perle told a Washington conference that Japanese makers were still selling chips below cost in third countries.',
};
const budget = {
  title: 'DUTCH CABINET AGREES 1988 BUDGET CUTS',
  text:
    'The Dutch cabinet agreed on spending cuts of 2.5 billion guilders for 1988 after a weekend of talks, Finance Minister Onno Ruding told reporters in The Hague.\n\n' +
    'The cuts fall mainly on social security and civil service pay, Ruding said.',
};
const boilerplate = 'Editors: please kill the story. It has been withdrawn and will not be replaced.';

let store: Store;
let clock = Date.parse('1987-03-10T10:00:00Z');
const at = () => new Date(clock).toISOString();

beforeEach(async () => {
  store = await openStore('sqlite::memory:');
  await store.migrate();
});
afterEach(() => store.close());

async function put(itemKey: string, title: string, bodyText: string, slug?: string) {
  clock += 20 * 60_000;
  const input: StoreInput = {
    feedId: 'wire',
    itemKey,
    slug,
    article: {
      title,
      authors: [],
      bodyText,
      publishedAt: at(),
      wordCount: bodyText.split(/\s+/).length,
      credits: [],
      sources: {},
    },
    enrichment: { entities: [], topics: [], keywords: [] },
    fetchedAt: at(),
  };
  return storeArticle(store, input, { thresholds: defaultThresholds, now: () => new Date(clock) });
}

describe('a kill notice', () => {
  it('withdraws the story carrying its slug, keeps the headline, and emits story.withdrawn', async () => {
    const story = await put('1', perle.title, perle.text, 'BC-PERLE-CHIPS');
    await put('2', budget.title, budget.text, 'BC-DUTCH-BUDGET');
    const kill = await put('3', 'KILL', boilerplate, 'BC-KILL-PERLE-CHIPS');
    expect(kill.decision).toMatchObject({ kind: 'update', rule: 'kill-notice', withdraws: true });
    expect(kill.storyId).toBe(story.storyId);
    const saved = await store.getStory(story.storyId);
    expect(saved).toMatchObject({ withdrawn: true, title: perle.title, version: 2 });
    const events = await store.listEvents(0, 10);
    expect(events.map((e) => e.type)).toEqual(['story.created', 'story.created', 'story.withdrawn']);
    expect(events[2].storyId).toBe(story.storyId);
  });

  it('without a slug, withdraws the story whose headline it names; identical notices stay apart', async () => {
    const p = await put('1', perle.title, perle.text);
    const b = await put('2', budget.title, budget.text);
    const killB = await put('3', `KILL - ${budget.title}`, boilerplate);
    const killP = await put('4', `KILL - ${perle.title}`, boilerplate);
    expect(killB).toMatchObject({ storyId: b.storyId, decision: { withdraws: true } });
    expect(killP).toMatchObject({ storyId: p.storyId, decision: { withdraws: true } });
    expect(await store.getStory(p.storyId)).toMatchObject({ withdrawn: true });
    expect(await store.getStory(b.storyId)).toMatchObject({ withdrawn: true });
  });

  it('naming no stored story is kept as its own story, withdrawn at once', async () => {
    await put('1', budget.title, budget.text);
    const kill = await put('2', 'ELIMINATE - GOLD FIELDS RAISES DIVIDEND', boilerplate);
    expect(kill.decision).toMatchObject({ kind: 'new', withdraws: true });
    expect(await store.getStory(kill.storyId)).toMatchObject({ withdrawn: true });
  });

  it('is not a headline that merely reports killings', async () => {
    const first = await put('1', 'THREE KILLED IN SOUTH AFRICA ZINC REFINERY CLASH', perle.text);
    expect(first.decision.withdraws).toBeUndefined();
    expect(await store.getStory(first.storyId)).toMatchObject({ withdrawn: false });
  });
});
