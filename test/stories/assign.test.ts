import { describe, expect, it } from 'vitest';
import { evaluatePairs, ingest, loadPairs, score, type PairArticle } from '../../eval/dedupe.js';
import { assignStory, storyIdFor } from '../../src/stories/assign.js';
import { fingerprint } from '../../src/stories/fingerprint.js';
import { defaultThresholds, matchStory } from '../../src/stories/match.js';
import { MemoryStoryLookup } from '../../src/stories/memory-lookup.js';

const pairs = loadPairs();
const pair = (id: string) => {
  const found = pairs.find((p) => p.id === id);
  if (!found) throw new Error(`no fixture pair ${id}`);
  return found;
};

async function ingestAll(items: Array<[string, PairArticle]>) {
  const lookup = new MemoryStoryLookup();
  const decisions = [];
  for (const [id, article] of items) decisions.push(await ingest(lookup, id, article, defaultThresholds));
  return { lookup, decisions };
}

describe('assignStory', () => {
  const { a: full, b: writethru } = pair('quake-chile/full-writethru');

  it('starts a new story whose id derives from the first article id', async () => {
    const { decisions } = await ingestAll([['art-1', full]]);
    expect(decisions[0]).toMatchObject({ kind: 'new', rule: 'none', storyId: storyIdFor('art-1') });
    expect(storyIdFor('art-1')).toMatch(/^s_[0-9a-f]{20}$/);
  });

  describe('when the same copy arrives under another headline from another feed', () => {
    it('is a duplicate of the stored article', async () => {
      const copy = {
        ...full,
        title: 'Chile quake: what we know',
        feedId: 'other-outlet',
        guid: 'x-1',
        url: 'https://other.example/q',
      };
      const { decisions } = await ingestAll([
        ['art-1', full],
        ['art-2', copy],
      ]);
      expect(decisions[1]).toMatchObject({
        kind: 'duplicate',
        rule: 'text-hash',
        matchedArticleId: 'art-1',
        storyId: decisions[0].storyId,
      });
    });
  });

  describe('when a write-thru keeps the guid in the same feed', () => {
    it('updates the story by guid', async () => {
      const { decisions } = await ingestAll([
        ['art-1', full],
        ['art-2', { ...writethru, guid: full.guid }],
      ]);
      expect(decisions[1]).toMatchObject({
        kind: 'update',
        rule: 'guid',
        matchedArticleId: 'art-1',
        storyId: decisions[0].storyId,
      });
    });

    it('marks a kill under that guid as an update of the story, flagged withdrawn', async () => {
      const kill = {
        ...writethru,
        guid: full.guid,
        title: 'KILL',
        bodyText: 'Editors: this story is withdrawn.',
        withdrawn: true,
      };
      const { decisions } = await ingestAll([
        ['art-1', full],
        ['art-2', kill],
      ]);
      expect(decisions[1]).toMatchObject({ kind: 'update', rule: 'guid', storyId: decisions[0].storyId });
      expect(decisions[1].reason).toContain('withdrawn');
    });
  });

  it('keeps identical boilerplate kill notices with their own stories, by guid', async () => {
    const other = pair('boc-cut/writethru-kill');
    const mine = pair('quake-chile/writethru-kill');
    const { decisions } = await ingestAll([
      ['boc-wt', other.a],
      ['boc-kill', other.b],
      ['quake-wt', mine.a],
      ['quake-kill', mine.b],
    ]);
    expect(mine.b.bodyText).toBe(other.b.bodyText);
    expect(decisions[3]).toMatchObject({ kind: 'update', rule: 'guid', storyId: decisions[2].storyId });
  });

  it('does not match a guid across feeds: two feeds may reuse the same ids', async () => {
    const lookup = new MemoryStoryLookup();
    await ingest(lookup, 'art-1', full, defaultThresholds);
    const other = pair('boc-cut/full-writethru').a;
    const decision = await ingest(
      lookup,
      'art-2',
      { ...other, guid: full.guid, feedId: 'another-feed' },
      defaultThresholds,
    );
    expect(decision).toMatchObject({ kind: 'new', storyId: storyIdFor('art-2') });
  });

  describe('when the updated text arrives at a variant of the same URL', () => {
    it('updates the story by canonical URL', async () => {
      const { a, b } = pair('quake-chile/url-variant');
      const { decisions } = await ingestAll([
        ['art-1', a],
        ['art-2', b],
      ]);
      expect(decisions[1]).toMatchObject({
        kind: 'update',
        rule: 'url',
        matchedArticleId: 'art-1',
        storyId: decisions[0].storyId,
      });
    });
  });

  describe('when a trimmed syndicated copy has no guid or URL in common', () => {
    it('joins the story as a near-duplicate and says why', async () => {
      const { a, b } = pair('quake-chile/full-courier');
      const { decisions } = await ingestAll([
        ['art-1', a],
        ['art-2', b],
      ]);
      expect(decisions[1]).toMatchObject({
        kind: 'update',
        rule: 'near-duplicate',
        matchedArticleId: 'art-1',
        storyId: decisions[0].storyId,
      });
      expect(decisions[1].score).toBeGreaterThanOrEqual(defaultThresholds.nearDuplicate);
      expect(decisions[1].reason).toMatch(/containment 0\.\d\d/);
    });

    it('returns the story’s latest version to diff against, not the neighbour that matched', async () => {
      const lookup = new MemoryStoryLookup();
      await ingest(lookup, 'art-1', full, defaultThresholds);
      await ingest(lookup, 'art-2', { ...writethru, guid: full.guid }, defaultThresholds);
      const courier = pair('quake-chile/full-courier').b;
      const result = await assignStory(lookup, { articleId: 'art-3', ...courier }, defaultThresholds);
      expect(result.decision.kind).toBe('update');
      expect(result.previous?.id).toBe('art-2');
    });
  });

  describe('keeps hard negatives apart', () => {
    it.each([
      ['another agency’s own story on the same event', 'quake-chile/other-agency-full'],
      ['another agency’s story against the wire alert', 'coach-sacked/other-agency-alert'],
      ['a follow-up days later that reuses a background paragraph', 'quake-chile/follow-up-full'],
      ['the next day’s market close', 'stocks/day2~day3'],
      ['the next day’s exchange rates', 'fx/day4~day5'],
      ['another city’s weather the same day', 'weather/Boston~Chicago/day3'],
      ['another story on the same topic the same day', 'rates/boc-cut~norges-hold/full'],
    ])('%s starts its own story', async (_name, id) => {
      const { a, b } = pair(id);
      const { decisions } = await ingestAll([
        ['art-1', a],
        ['art-2', b],
      ]);
      expect(decisions[1].kind).toBe('new');
      expect(decisions[1].storyId).not.toBe(decisions[0].storyId);
    });
  });

  it('gives the same decisions when the same articles arrive in the same order', async () => {
    const stream: Array<[string, PairArticle]> = pairs
      .filter((p) => p.id.startsWith('wildfire-coimbra/') || p.id.startsWith('fires/') || p.id.startsWith('stocks/day'))
      .flatMap(
        (p, i) =>
          [
            [`${i}-a`, p.a],
            [`${i}-b`, p.b],
          ] as Array<[string, PairArticle]>,
      );
    const first = await ingestAll(stream);
    const second = await ingestAll(stream);
    expect(second.decisions).toEqual(first.decisions);
    expect(new Set(first.decisions.map((d) => d.kind))).toEqual(new Set(['new', 'update', 'duplicate']));
  });
});

describe('matchStory', () => {
  it('breaks a tie between equally good neighbours by article id, whatever their order', () => {
    const { a, b } = pair('quake-chile/full-writethru');
    const stored = fingerprint(a);
    const n1 = { ...stored, articleId: 'b-2', storyId: 's-2', publishedAt: a.publishedAt };
    const n2 = { ...stored, articleId: 'a-1', storyId: 's-1', publishedAt: a.publishedAt };
    const candidate = { ...fingerprint(b), publishedAt: b.publishedAt };
    expect(matchStory(candidate, [n1, n2], defaultThresholds).match?.articleId).toBe('a-1');
    expect(matchStory(candidate, [n2, n1], defaultThresholds).match?.articleId).toBe('a-1');
  });

  it('lets a near-identical version drift apart once it is days old', () => {
    const { a, b } = pair('quake-chile/full-writethru');
    const neighbour = { ...fingerprint(a), articleId: 'a-1', storyId: 's-1', publishedAt: a.publishedAt };
    const fresh = matchStory({ ...fingerprint(b), publishedAt: b.publishedAt }, [neighbour], defaultThresholds);
    const late = matchStory({ ...fingerprint(b), publishedAt: '2026-03-20T00:00:00Z' }, [neighbour], defaultThresholds);
    expect(late.best!.score).toBeLessThan(fresh.best!.score);
  });
});

describe('MemoryStoryLookup.findCandidates', () => {
  it('returns only neighbours sharing keys, the one sharing the most first', async () => {
    const lookup = new MemoryStoryLookup();
    await ingest(lookup, 'trimmed', pair('quake-chile/full-courier').b, defaultThresholds);
    await ingest(lookup, 'unrelated', pair('boc-cut/full-writethru').a, defaultThresholds);
    await ingest(lookup, 'writethru', pair('quake-chile/full-writethru').b, defaultThresholds);
    const query = fingerprint(pair('quake-chile/full-writethru').a);
    const found = await lookup.findCandidates(query.bandKeys, 10);
    // The copy that kept the full story's lede shares more keys than the write-thru that rewrote it.
    expect(found.map((f) => f.articleId)).toEqual(['trimmed', 'writethru']);
  });
});

describe('the labelled dedupe sets (fixtures/dedupe)', () => {
  it.each([
    ['the tuning set', 'pairs.jsonl'],
    ['the held-out set', 'holdout-pairs.jsonl'],
  ])('keeps precision at least 0.95 and recall at least 0.9 on %s', async (_name, file) => {
    const labelled = loadPairs(new URL(`../../fixtures/dedupe/${file}`, import.meta.url));
    const s = score(await evaluatePairs(labelled));
    expect(labelled.length).toBeGreaterThanOrEqual(150);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('holds at least 300 labelled pairs in the tuning set', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(300);
  });
});
