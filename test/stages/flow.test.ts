// The pipeline graph: which jobs each stage's outcome leads to.
import { describe, expect, it } from 'vitest';
import { nextJobs } from '../../src/pipeline/flow.js';
import { toFetchJob } from '../../src/pipeline/poll.js';
import type { FetchPayload } from '../../src/queues/payloads.js';
import type { ExtractedArticle } from '../../src/shared/types.js';

const fetchJob: FetchPayload = toFetchJob('wire', {
  guid: 'g-1',
  url: 'https://news.example/a',
  title: 'A',
  authors: [],
  categories: [],
  summary: 'a long summary kept only for the fetch stage',
});
const article: ExtractedArticle = {
  title: 'A',
  authors: [],
  bodyText: 'Body.',
  wordCount: 1,
  credits: [],
  sources: {},
};
const fetchedAt = '2026-01-05T12:00:00.000Z';
const enrichment = { entities: [], topics: [], keywords: ['body'] };

describe('nextJobs', () => {
  it('turns a poll into one fetch job per item, and a poll with nothing new into none', () => {
    const jobs = [fetchJob, { ...fetchJob, itemKey: 'k-2' }];
    expect(nextJobs({ stage: 'poll', outcome: { status: 'ok', jobs, itemCount: 2, validators: {} } })).toEqual(
      jobs.map((payload) => ({ stage: 'fetch', payload })),
    );
    expect(nextJobs({ stage: 'poll', outcome: { status: 'not_modified' } })).toEqual([]);
    expect(nextJobs({ stage: 'poll', outcome: { status: 'not_due', nextPollAt: fetchedAt } })).toEqual([]);
  });

  it('sends an extracted article to enrich, without the feed item it no longer needs', () => {
    const [next] = nextJobs({
      stage: 'fetch',
      payload: fetchJob,
      outcome: { status: 'extracted', article, from: 'page' },
      fetchedAt,
    });
    expect(next.stage).toBe('enrich');
    expect(next.payload).toMatchObject({ itemKey: fetchJob.itemKey, article, fetchedAt });
    expect(next.payload).not.toHaveProperty('item');
  });

  it('sends an article the extraction pool already enriched straight to store, with its enrichment', () => {
    const [next, ...rest] = nextJobs({
      stage: 'fetch',
      payload: fetchJob,
      outcome: { status: 'extracted', article, from: 'page', enrichment },
      fetchedAt,
    });
    expect(rest).toEqual([]);
    expect(next.stage).toBe('store');
    expect(next.payload).toMatchObject({ action: 'store', itemKey: fetchJob.itemKey, article, enrichment, fetchedAt });
    expect(next.payload).not.toHaveProperty('item');
  });

  it('sends a withdrawn item straight to store as a withdrawal, and a skipped one nowhere', () => {
    const withdrawn = nextJobs({
      stage: 'fetch',
      payload: fetchJob,
      outcome: { status: 'withdrawn', reason: 'page answers 410' },
      fetchedAt,
    });
    expect(withdrawn).toEqual([
      { stage: 'store', payload: expect.objectContaining({ action: 'withdraw', reason: 'page answers 410' }) },
    ]);
    expect(
      nextJobs({ stage: 'fetch', payload: fetchJob, outcome: { status: 'skipped', reason: 'x' }, fetchedAt }),
    ).toEqual([]);
  });

  it('sends an enriched article to store, and ends at store', () => {
    const { item: _item, ...ref } = fetchJob;
    const payload = { ...ref, article, fetchedAt };
    expect(nextJobs({ stage: 'enrich', payload, enrichment })).toEqual([
      { stage: 'store', payload: { ...payload, action: 'store', enrichment } },
    ]);
    expect(nextJobs({ stage: 'store' })).toEqual([]);
  });
});
