// What the simulator published, and what the store holds: the exactly-once check of every fault
// and load run. A story's guid in the simulator's feeds is urn:wiresim:story:<slug>.
//   Ledger.publishStory / publishVersion   publish through the simulator, remembering when
//   Ledger.check(databaseUrl)              per story: stored once, one article per version
import { openConnection } from '../../src/storage/connection.js';
import { generateStories } from '../../src/simulator/generate.js';
import type { SimStory, WireSimulator } from '../../src/simulator/server.js';

export const guidOf = (slug: string) => `urn:wiresim:story:${slug}`;

interface Published {
  slug: string;
  feedId: string;
  versions: number;
  /** Publish time of each version, ms since epoch. */
  at: number[];
}

export interface Verdict {
  published: number;
  /** Of the published, how many were new versions of a story already out. */
  updates: number;
  stored: number;
  duplicated: number;
  lost: number;
  /** Stories split over more than one story id. */
  split: number;
  /** Publish → stored, ms, per stored version. */
  latenciesMs: number[];
  /** First few problems, for the failure message. */
  problems: string[];
}

export interface StoredRow {
  guid: string | null;
  story_id: string;
  text_hash: string;
  created_at: string;
}

export interface ArticleReader {
  rows(): Promise<StoredRow[]>;
  /**
   * Half-written state, which one transaction per write must make impossible: a story whose
   * latest article is missing, or whose version is not its number of articles.
   */
  torn(): Promise<string[]>;
  close(): Promise<void>;
}

/** Reads the stored articles (a connection of its own, kept open across reads). */
export function articleReader(databaseUrl: string): ArticleReader {
  const conn = openConnection(databaseUrl);
  return {
    rows: () => conn.db.selectFrom('articles').select(['guid', 'story_id', 'text_hash', 'created_at']).execute(),
    async torn() {
      const stories = await conn.db.selectFrom('stories').select(['id', 'latest_article_id', 'version']).execute();
      const articles = await conn.db.selectFrom('articles').select(['id', 'story_id']).execute();
      const ids = new Set(articles.map((a) => a.id));
      const perStory = new Map<string, number>();
      for (const a of articles) perStory.set(a.story_id, (perStory.get(a.story_id) ?? 0) + 1);
      return stories
        .filter((st) => !ids.has(st.latest_article_id) || perStory.get(st.id) !== Number(st.version))
        .map((st) => `${st.id}: version ${st.version}, ${perStory.get(st.id) ?? 0} articles`);
    },
    close: () => conn.db.destroy(),
  };
}

export class Ledger {
  readonly stories = new Map<string, Published>();
  private readonly pool: SimStory[];
  private next = 0;

  constructor(
    private readonly sim: WireSimulator,
    size: number,
    seed = Date.now() % 100_000,
  ) {
    this.pool = generateStories(size, seed);
  }

  /** Publish a new story (a generated one, made unique) at the top of `feedId`. */
  publishStory(feedId: string): string {
    const base = this.pool[this.next % this.pool.length];
    const slug = `${base.slug}-${this.next++}`;
    this.sim.publish({ ...base, slug, publishedAt: new Date().toISOString() }, feedId);
    this.stories.set(slug, { slug, feedId, versions: 1, at: [Date.now()] });
    return slug;
  }

  /** A new version of a published story: one more paragraph, as a developing story gets. */
  publishVersion(slug: string): void {
    const s = this.stories.get(slug)!;
    this.sim.publishVersion(slug, {
      appendParagraphs: [
        `Update ${s.versions + 1}: officials gave further details of ${slug} on ${new Date().toISOString()}, a spokesperson said.`,
      ],
    });
    s.versions += 1;
    s.at.push(Date.now());
  }

  get publishedCount(): number {
    let n = 0;
    for (const s of this.stories.values()) n += s.versions;
    return n;
  }

  /**
   * Slugs whose every published version is stored. Only these get a new version: a version
   * superseded before any poll saw it was never out there to be stored.
   */
  settled(rows: StoredRow[]): string[] {
    const count = countByGuid(rows);
    return [...this.stories.values()].filter((s) => (count.get(guidOf(s.slug)) ?? 0) === s.versions).map((s) => s.slug);
  }

  check(rows: StoredRow[]): Verdict {
    const byGuid = new Map<string, StoredRow[]>();
    for (const r of rows) if (r.guid) byGuid.set(r.guid, [...(byGuid.get(r.guid) ?? []), r]);
    const v: Verdict = {
      published: 0,
      updates: 0,
      stored: 0,
      duplicated: 0,
      lost: 0,
      split: 0,
      latenciesMs: [],
      problems: [],
    };
    for (const s of this.stories.values()) {
      const found = byGuid.get(guidOf(s.slug)) ?? [];
      v.published += s.versions;
      v.updates += s.versions - 1;
      v.stored += Math.min(found.length, s.versions);
      v.lost += Math.max(0, s.versions - found.length);
      // A doubled record is an extra article for the story, or the same text stored twice.
      const storyIds = new Set(found.map((r) => r.story_id)).size;
      const sameText = found.length - new Set(found.map((r) => r.text_hash)).size;
      v.duplicated += Math.max(Math.max(0, found.length - s.versions), sameText);
      if (storyIds > 1) v.split += 1;
      if (storyIds > 1 && v.problems.length < 5) v.problems.push(`${s.slug}: split over ${storyIds} stories`);
      if (found.length !== s.versions && v.problems.length < 5)
        v.problems.push(`${s.slug}: ${s.versions} versions published, ${found.length} stored`);
      const created = found.map((r) => Date.parse(r.created_at)).sort((a, b) => a - b);
      created.forEach((t, i) => i < s.at.length && v.latenciesMs.push(t - s.at[i]));
    }
    return v;
  }
}

function countByGuid(rows: StoredRow[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const r of rows) if (r.guid) count.set(r.guid, (count.get(r.guid) ?? 0) + 1);
  return count;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** One Markdown row of RELIABILITY.md's table. */
export function row(fault: string, injected: string, v: Verdict, recoverySeconds: number | string): string {
  return `| ${fault} | ${injected} | ${v.published} (${v.updates} updates) | ${v.stored} | ${v.duplicated} | ${v.lost} | ${typeof recoverySeconds === 'number' ? recoverySeconds.toFixed(1) + ' s' : recoverySeconds} |`;
}
