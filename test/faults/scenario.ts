// Shared setup of the fault scenarios: the wire simulator (real HTTP), a ledger of what it
// published, a publisher that keeps publishing stories and new versions, and the wait for the
// store to hold everything exactly once.
import { startWireSimulator, type WireSimulator } from '../../src/simulator/server.js';
import { Ledger, articleReader, type StoredRow, type Verdict } from '../../scripts/faults/ledger.js';
import { sleep } from '../../scripts/faults/wait.js';

export interface Scenario {
  sim: WireSimulator;
  ledger: Ledger;
  feeds: Array<{ id: string; url: string }>;
  allowHost: string;
}

export async function startScenario(feedCount: number, storyPool = 500): Promise<Scenario> {
  const ids = Array.from({ length: feedCount }, (_, i) => `feed${i}`);
  const sim = await startWireSimulator({ stories: [], feeds: ids });
  return {
    sim,
    ledger: new Ledger(sim, storyPool),
    feeds: ids.map((id) => ({ id, url: sim.feedUrl(id) })),
    allowHost: new URL(sim.url).host,
  };
}

/**
 * Every `everyMs`, publish a new story on the next feed or (one time in three) a new version of
 * a story whose versions are all stored. Returns the stop function.
 */
export function startPublisher(s: Scenario, databaseUrl: string, everyMs: number): () => Promise<void> {
  const reader = articleReader(databaseUrl);
  let stopped = false;
  let tick = 0;
  const done = (async () => {
    while (!stopped) {
      tick += 1;
      const settled = tick % 3 === 0 ? s.ledger.settled(await reader.rows().catch(() => [] as StoredRow[])) : [];
      if (settled.length > 0) s.ledger.publishVersion(settled[tick % settled.length]);
      else s.ledger.publishStory(s.feeds[tick % s.feeds.length].id);
      await sleep(everyMs);
    }
  })();
  return async () => {
    stopped = true;
    await done;
    await reader.close();
  };
}

/**
 * Wait until every published version is stored (or time runs out), give late duplicates a
 * moment to show up, and return the final verdict.
 */
export async function settle(
  s: Scenario,
  databaseUrl: string,
  timeoutMs: number,
): Promise<{ verdict: Verdict; settledAt: number; torn: string[] }> {
  const reader = articleReader(databaseUrl);
  try {
    const deadline = Date.now() + timeoutMs;
    let verdict = s.ledger.check(await reader.rows().catch(() => []));
    while (verdict.stored < verdict.published && Date.now() < deadline) {
      await sleep(500);
      verdict = s.ledger.check(await reader.rows().catch(() => []));
    }
    const settledAt = Date.now();
    await sleep(3_000);
    return { verdict: s.ledger.check(await reader.rows()), settledAt, torn: await reader.torn() };
  } finally {
    await reader.close();
  }
}
