// The whole pipeline against the local wire simulator, real Redis and real HTTP: poll → fetch
// → extract → enrich → dedupe → store → API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { loadStories } from '../../src/simulator/stories.js';
import { startPipeline, type TestPipeline } from '../support/pipeline.js';
import { waitFor } from '../support/wait.js';

describe('the pipeline, end to end over the wire simulator', () => {
  const stories = loadStories().slice(0, 3);
  let sim: WireSimulator;
  let lede: TestPipeline;

  const get = async (path: string) => {
    const res = await fetch(`${lede.base}${path}`);
    return { status: res.status, body: await res.json() };
  };
  const listStories = async () => (await get('/v1/stories?limit=100')).body.items as any[];
  const poll = () => lede.rt.queues.add('poll', { feedId: 'wire', trigger: 'manual' });

  beforeAll(async () => {
    sim = await startWireSimulator({ stories, feeds: ['wire'] });
    lede = await startPipeline({
      name: 'e2e',
      feeds: { wire: sim.feedUrl('wire') },
      allowHosts: [new URL(sim.url).host],
    });
  }, 60_000);

  afterAll(async () => {
    await lede?.close();
    await sim?.close();
  }, 60_000);

  it('stores every story of the feed with body text, entities and topics', async () => {
    await poll();
    const items = await waitFor(
      'all stories stored',
      async () => {
        const list = await listStories();
        return list.length === stories.length && list;
      },
      90_000,
    );
    for (const summary of items) {
      const { status, body: story } = await get(`/v1/stories/${summary.id}`);
      expect(status).toBe(200);
      expect(story.version).toBe(1);
      const [v1] = story.versions;
      expect(v1.bodyText.length).toBeGreaterThan(200);
      expect(v1.bodyText).not.toMatch(/Subscribe to our newsletter|cookie/i);
      expect(v1.entities.length).toBeGreaterThan(0);
      expect(v1.topics.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('shows a new version of an item as version 2 of the same story, not a second story', async () => {
    const before = await listStories();
    const target = stories[0];
    sim.publishVersion(target.slug, {
      title: `${target.title} (update)`,
      appendParagraphs: [
        'Officials said late on Tuesday that more details would be released after the meeting concluded.',
      ],
    });
    await poll();
    const updated = await waitFor(
      'version 2',
      async () => {
        const list = await listStories();
        return list.find((s) => s.version === 2);
      },
      60_000,
    );
    const after = await listStories();
    expect(after).toHaveLength(before.length);
    const { body: story } = await get(`/v1/stories/${updated.id}`);
    expect(story.versions.map((v: any) => v.version)).toEqual([1, 2]);
    expect(story.versions[1].title).toContain('(update)');
    expect(story.versions[1].changes.paragraphsAdded).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('adds nothing when the unchanged feed is polled again', async () => {
    const before = await listStories();
    const notModifiedBefore = sim.stats().notModified;
    await poll();
    await waitFor('a 304 from the feed', async () => sim.stats().notModified > notModifiedBefore, 60_000);
    const counts = await lede.rt.queues.queues.fetch.getJobCounts('waiting', 'active', 'delayed');
    expect(counts.waiting + counts.active + counts.delayed).toBe(0);
    const after = await listStories();
    expect(after.map((s) => [s.id, s.version])).toEqual(before.map((s) => [s.id, s.version]));
  }, 90_000);
});
