// Near-duplicate scoring: is this article another version (or a syndicated copy) of a stored one?
//
// Evidence per neighbour, each in 0..1:
//   jaccard      MinHash estimate of body shingle overlap (versions and full copies)
//   containment  the shorter body inside the longer (alerts, copies cut from the bottom)
//   lede         the shorter lede's 3-word shingles inside the other lede
//   headline     shared headline words (weak: syndicators rewrite headlines)
//   entities     shared entity names (weak: another agency's story on the event has them all)
//   same feed    a small bonus when the same feed carries both within hours, naming mostly the
//                same people and places (an alert and the write-thru that rewrote it)
// and two brakes:
//   figures      when both carry figures and most differ, it is another day's template story
//                (market close, exchange rates, weather), not a version
//   time         only stories whose latest version is within the window (36 h, item times) are
//                candidates, and the bar rises past a news cycle (12 h): versions arrive within
//                hours, a follow-up the next day is a new story. Hours are news hours: weekends
//                do not count (Friday's copy repeated on Monday morning is hours old to a desk)
//   template     the same wording with other figures is another day's (or company's) report;
//                the same figures in a data headline a news cycle later is the next report
// A headline-only item (a flash) is scored by how much of its headline the other's headline and
// lede carry, its subject and figures included.
// For alert-sized texts the lede, headline and names weigh more, body overlap less.
// Text evidence dominates the score on purpose: the hard negatives (another agency's story, a
// same-day story on the same topic) share entities and headline words, never the wording.
import { GENERIC_HEADLINE_WORDS, type Fingerprint, type StoredFingerprint } from './fingerprint.js';
import {
  compareTemplates,
  reportKey,
  slugBase,
  versionSignals,
  type TemplateSide,
  type VersionSignals,
} from './template.js';
import { newsHoursBetween } from './news-hours.js';
import { joinAbbreviations, normalizeText, shingles } from './text.js';

export interface MatchThresholds {
  /** Minimum near-duplicate score for a match within a news cycle. Default 0.35 (tuned on fixtures/dedupe: the hard negatives peak near 0.28, alert-to-write-thru pairs spread from 0.1 to 0.5). */
  nearDuplicate: number;
  /** Hours from a story's latest version (item times) within which an item may join it; past it, even identical copy starts a new story. Default 36. */
  versionWindowHours: number;
  /** A news cycle in hours: past it the bar rises towards `farBar`, and a recurring report with the same figures is the next cycle's. Default 12. */
  newsCycleHours: number;
  /** The bar at the window's edge. Default 0.75. */
  farBar: number;
  /** Neighbours fetched from the band index per article. Default 50. */
  candidateLimit: number;
}

export const defaultThresholds: MatchThresholds = {
  nearDuplicate: 0.35,
  versionWindowHours: 36,
  newsCycleHours: 12,
  farBar: 0.75,
  candidateLimit: 50,
};

export interface MatchCandidate extends Fingerprint {
  /** The item's own time (published, else first seen), never the processing time. */
  publishedAt?: string;
  feedId?: string;
  slug?: string;
}

/** Below this many distinct shingles (about 60 words) a text counts as an alert-sized item. */
const SHORT_TEXT_SHINGLES = 60;
const SAME_FEED_BONUS = 0.1;
const SAME_SLUG_VERSION_BONUS = 0.15;
const SAME_ISSUER_HEADLINE_BONUS = 0.15;
/** Headline overlap for a refiled table ("HOLLY CORP <HOC> 2ND QTR JAN 31 LOSS" twice). */
const REFILED_HEADLINE = 0.8;
/** Headline overlap for a correction ("CORRECTED - FEDERAL PAPER <FBT> RAISES PAYOUT"). */
const CORRECTED_HEADLINE = 0.6;
const FLASH_MIN_COVERAGE = 0.6;
/** A flash's score at most: below a near-identical copy's (body overlap, lede, headline, same feed). */
const FLASH_MAX_SCORE = 0.9;
const MANY_DIFFERING_FIGURES = 4;

export interface MatchEvidence {
  jaccard: number;
  containment: number;
  lede: number;
  headline: number;
  entities: number;
  /** Share of figures in common; undefined when either side has fewer than three. */
  figures?: number;
  /** Hours from the neighbour's story (its latest version, or the neighbour if closer); undefined without times. */
  hoursApart?: number;
  /** Same feed, within hours, mostly the same names: earns the same-feed bonus. */
  sameFeed: boolean;
  /** A headline-only side: share of the flash's headline words found in the other's headline and lede. */
  flash?: number;
  /** The candidate declares itself a version (slug marker) of a story with the same slug. */
  sameSlugVersion?: boolean;
  /** Both are the same running report (a desk's market report filed again and again): of the same day or not. */
  runningReport?: RunningDay;
  /** The same bracketed issuer under (nearly) the same headline: a results table refiled within the news cycle, repeated later with the same figures, or corrected. */
  sameIssuerHeadline?: 'refiled' | 'repeated' | 'correction';
  /** Why the neighbour cannot be the same story whatever the score. */
  veto?: string;
}

export interface ScoredNeighbour {
  articleId: string;
  storyId: string;
  score: number;
  /** The bar this neighbour must reach: higher the further apart in time. */
  bar: number;
  evidence: MatchEvidence;
}

export interface MatchResult {
  /** The best neighbour at or above its bar, if any. */
  match?: ScoredNeighbour;
  /** The best neighbour whatever its score (explains a `new` decision). */
  best?: ScoredNeighbour;
  threshold: number;
  reason: string;
}

/**
 * `storyTimes` holds each neighbour story's latest version time (item times): the window and
 * the bar are measured from the story as it is now, not from whichever version matched.
 */
export function matchStory(
  candidate: MatchCandidate,
  neighbours: StoredFingerprint[],
  thresholds: MatchThresholds,
  storyTimes: ReadonlyMap<string, string | undefined> = new Map(),
): MatchResult {
  const running = runningReport(candidate, neighbours);
  // A flash is its story's way in only until the full copy arrives: later full copy is judged
  // against that copy's wording, not against the few words of a headline any follow-up repeats.
  const answered = new Set(neighbours.filter((n) => !n.headlineOnly).map((n) => n.storyId));
  const flashAnswered = (n: StoredFingerprint) =>
    !candidate.headlineOnly && n.headlineOnly === true && answered.has(n.storyId);
  // Passing neighbours first, the one clearing its own bar by most first (yesterday's template
  // report passes a higher bar than the flash filed minutes ago), ties broken by article id:
  // the same inputs always pick the same neighbour.
  const scored = neighbours
    .filter((n) => !flashAnswered(n))
    .map((n) => scoreNeighbour(candidate, n, thresholds, storyTimes.get(n.storyId), running?.get(n.articleId)))
    .sort(
      (a, b) =>
        Number(b.score >= b.bar) - Number(a.score >= a.bar) ||
        b.score - b.bar - (a.score - a.bar) ||
        (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0),
    );
  const best = scored[0];
  if (!best) return { threshold: thresholds.nearDuplicate, reason: 'no neighbour shares a band key' };
  const passes = best.score >= best.bar;
  const reason = `${explain(best)} → ${best.score.toFixed(3)} ${passes ? '>=' : '<'} ${best.bar.toFixed(3)}`;
  return passes ? { match: best, best, threshold: best.bar, reason } : { best, threshold: best.bar, reason };
}

export function scoreNeighbour(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  thresholds: MatchThresholds,
  storyLatestAt?: string,
  running?: RunningDay,
): ScoredNeighbour {
  const gaps = [
    hoursApart(candidate.publishedAt, neighbour.publishedAt),
    hoursApart(candidate.publishedAt, storyLatestAt),
  ];
  const known = gaps.filter((g): g is number => g !== undefined);
  const evidence: MatchEvidence = {
    jaccard: minhashJaccard(candidate.minhash, neighbour.minhash),
    containment: sketchContainment(candidate, neighbour),
    lede: overlap(wordsOf(candidate).ledeShingles, wordsOf(neighbour).ledeShingles),
    headline: overlap(wordsOf(candidate).titleWords, wordsOf(neighbour).titleWords),
    entities: overlap(candidate.entityKeys, neighbour.entityKeys),
    figures:
      candidate.figures.length >= 3 && neighbour.figures.length >= 3
        ? overlap(candidate.figures, neighbour.figures)
        : undefined,
    hoursApart: known.length > 0 ? Math.min(...known) : undefined,
    sameFeed: false,
  };
  evidence.sameFeed = sameFeedVersion(candidate, neighbour, evidence, thresholds);
  const { signals, slugBase: base } = wordsOf(candidate);
  evidence.sameSlugVersion = signals.marker && base.length > 3 && base === slugBase(neighbour.slug);
  evidence.sameIssuerHeadline = sameIssuerHeadline(candidate, neighbour, evidence, thresholds, signals);
  evidence.runningReport = running;
  evidence.veto =
    running === 'other day'
      ? 'the same running report on another day'
      : veto(candidate, neighbour, evidence, thresholds, signals);

  let score: number;
  if (candidate.headlineOnly || neighbour.headlineOnly) {
    evidence.flash = flashCoverage(candidate, neighbour, signals.correction, evidence.hoursApart);
    // A headline's words are weaker evidence than the copy itself: a copy filed again minutes
    // later joins the copy it repeats, not a flash whose words both carry.
    score = Math.min(evidence.flash, FLASH_MAX_SCORE);
  } else {
    const text = Math.max(evidence.jaccard, evidence.containment);
    // A one-paragraph alert has too few shingles for body overlap to say much; its lede, headline
    // and names carry more of the evidence.
    const short = Math.min(candidate.shingleCount, neighbour.shingleCount) < SHORT_TEXT_SHINGLES;
    score = short
      ? 0.35 * text + 0.35 * evidence.lede + 0.15 * evidence.headline + 0.15 * evidence.entities
      : 0.6 * text + 0.25 * evidence.lede + 0.1 * evidence.headline + 0.05 * evidence.entities;
    // A correction is filed to change a figure: its figures differing is no sign of another story.
    if (evidence.sameIssuerHeadline !== 'correction')
      score *= figuresFactor(candidate.figures, neighbour.figures, evidence.figures);
  }
  // A feed rarely carries two distinct stories naming mostly the same people and places within
  // hours (a sidebar shares no wording, which the text terms catch); another agency's story on
  // the event comes from another feed and gets no bonus.
  if (evidence.sameFeed && evidence.flash === undefined) score += SAME_FEED_BONUS;
  if (evidence.sameSlugVersion) score += SAME_SLUG_VERSION_BONUS;
  if (evidence.sameIssuerHeadline) score += SAME_ISSUER_HEADLINE_BONUS;
  // A correction is filed when the error is noticed, often the next day, and a table is sent
  // again when a desk missed it: both keep the bar of the news cycle for the item they repeat.
  const bar = barAt(
    evidence.sameIssuerHeadline === 'correction' || evidence.sameIssuerHeadline === 'repeated'
      ? undefined
      : evidence.hoursApart,
    thresholds,
  );
  // The day's next update of a running report is a version whatever its figures and wording.
  if (running === 'same day') score = Math.max(score, bar);
  if (evidence.veto) score = 0;
  return {
    articleId: neighbour.articleId,
    storyId: neighbour.storyId,
    score: round(Math.min(1, score)),
    bar: round(bar),
    evidence,
  };
}

export type RunningDay = 'same day' | 'other day';

/** Two earlier items of one report on a day make it a running report (forecast, then help given). */
const RUNNING_MIN_ITEMS_A_DAY = 2;

/**
 * A running report: a desk files the day's market report again and again ("U.K. MONEY MARKET
 * DEFICIT FORECAST ...", "... GIVEN 24 MLN STG ASSISTANCE", "... GIVEN FURTHER 437 MLN STG
 * HELP"), each under the same headline start and the same opening words, with new figures and
 * wording. The day's updates are versions of one story; the same report on another day is
 * another story. A report is known to run when the neighbours hold it several times on one
 * earlier day; a story merely repeated the next day (one earlier copy) is not one, and keeps
 * the ordinary scoring. Returns, per neighbour of that report, whether it is of the same day.
 */
function runningReport(
  candidate: MatchCandidate,
  neighbours: StoredFingerprint[],
): Map<string, RunningDay> | undefined {
  const mine = reportKey(candidate);
  const day = dayOf(candidate.publishedAt);
  if (mine === undefined || day === undefined) return undefined;
  // The same report's neighbours, each with its day.
  const same = new Map<string, string>();
  for (const n of neighbours) {
    const d = reportKey(n) === mine ? dayOf(n.publishedAt) : undefined;
    if (d !== undefined) same.set(n.articleId, d);
  }
  const earlier = new Map<string, number>();
  for (const d of same.values()) if (d !== day) earlier.set(d, (earlier.get(d) ?? 0) + 1);
  if (![...earlier.values()].some((count) => count >= RUNNING_MIN_ITEMS_A_DAY)) return undefined;
  return new Map([...same].map(([id, d]) => [id, d === day ? 'same day' : 'other day']));
}

/** The item's calendar day (UTC). */
function dayOf(at: string | undefined): string | undefined {
  const ms = at ? Date.parse(at) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined;
}

/** nearDuplicate within a news cycle, then rising linearly to farBar at the window's edge. */
export function barAt(hours: number | undefined, t: MatchThresholds): number {
  if (hours === undefined || hours <= t.newsCycleHours) return t.nearDuplicate;
  const share = Math.min(1, (hours - t.newsCycleHours) / Math.max(1, t.versionWindowHours - t.newsCycleHours));
  return t.nearDuplicate + share * (t.farBar - t.nearDuplicate);
}

function veto(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  evidence: MatchEvidence,
  t: MatchThresholds,
  signals: VersionSignals,
): string | undefined {
  if (evidence.hoursApart !== undefined && evidence.hoursApart > t.versionWindowHours)
    return `outside the ${t.versionWindowHours} h window`;
  if (isPreview(candidate.title) !== isPreview(neighbour.title)) return 'a preview and the outcome it previews';
  // "<FRANKLIN NEW YORK TAX-FREE INCOME FUND> PAYOUT" is not "<FRANKLIN FEDERAL ...> PAYOUT",
  // whatever the table says; a correction may fix the ticker itself.
  const issuers = [issuersOf(candidate.title), issuersOf(neighbour.title)];
  if (issuers.every((i) => i.length > 0) && !issuers[0].some((i) => issuers[1].includes(i)) && !signals.correction)
    return `another issuer (${issuers[0].join(', ')} vs ${issuers[1].join(', ')})`;
  if (candidate.headlineOnly || neighbour.headlineOnly) {
    // A flash is followed by its full story within minutes or hours, never days.
    if ((evidence.hoursApart ?? 0) > t.newsCycleHours)
      return `a flash ${evidence.hoursApart} h from the other copy, past the ${t.newsCycleHours} h news cycle`;
    return recurringVerdict(candidate, neighbour, evidence.hoursApart, t, signals, evidence.figures);
  }
  // A repeat or rewrite in the next news cycle keeps its subject; another issuer's bond on the
  // same terms, or another company's table, a cycle later is another story.
  if ((evidence.hoursApart ?? 0) > t.newsCycleHours && !sameSubject(candidate, neighbour, evidence.headline))
    return `another subject ${evidence.hoursApart} h later (past the ${t.newsCycleHours} h news cycle)`;
  // Full copy sharing no wording at all, not even the lede's: names and headline words alone are
  // other news from the same company or place (its results and its unit sale minutes apart).
  if (Math.max(evidence.jaccard, evidence.containment, evidence.lede) === 0) return 'no wording in common';
  const bothShort = Math.max(candidate.shingleCount, neighbour.shingleCount) < SHORT_TEXT_SHINGLES;
  // Two short tables (dividends, results) share their wording whoever declared them.
  if (bothShort && evidence.headline < 0.34) return 'a short item under another headline';
  // A fund family files one table per fund ("FRANKLIN OHIO INSURED TAX-FREE SETS PAYOUT", "...
  // MICHIGAN INSURED ..."): the headlines' distinctive words must agree, not just the family.
  if (
    bothShort &&
    !evidence.sameIssuerHeadline &&
    isTable(candidate) &&
    isTable(neighbour) &&
    distinctiveOverlap(candidate.title, neighbour.title) < SHORT_SAME_HEADLINE
  )
    return 'a short table under another headline';
  return recurringVerdict(candidate, neighbour, evidence.hoursApart, t, signals, evidence.figures);
}

/**
 * A company's results or dividend table is refiled on another desk, reformatted ("13,555,000"
 * then "13.5 mln"), with lines added, or corrected: the same bracketed issuer under the same
 * headline says so where the reformatted figures share little wording. Other news from the
 * company (its dividend beside its results) has another headline.
 */
function sameIssuerHeadline(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  evidence: MatchEvidence,
  t: MatchThresholds,
  signals: VersionSignals,
): MatchEvidence['sameIssuerHeadline'] {
  if (candidate.headlineOnly || neighbour.headlineOnly) return undefined;
  const mine = issuersOf(candidate.title);
  const theirs = issuersOf(neighbour.title);
  if (!mine.some((i) => theirs.includes(i))) {
    // A correction may fix the ticker itself ("FEDERAL PAPER BOARD CO <FBO>" for "<FBT>"): the
    // company's name before the brackets still says whose item it corrects.
    const renamed = signals.correction && mine.length > 0 && theirs.length > 0 && sameCompanyName(candidate, neighbour);
    return renamed && evidence.headline >= CORRECTED_HEADLINE ? 'correction' : undefined;
  }
  if (signals.correction && evidence.headline >= CORRECTED_HEADLINE) return 'correction';
  if (evidence.headline < REFILED_HEADLINE) return undefined;
  const withinCycle = evidence.hoursApart === undefined || evidence.hoursApart <= t.newsCycleHours;
  if (withinCycle) return 'refiled';
  // The same company's table with the same figures a day later is the table sent again (a desk
  // that missed it, a reworded note), not a new report: the next quarter's has other figures.
  return (evidence.figures ?? 0) >= SAME_FIGURES ? 'repeated' : undefined;
}

/** The words before a wire headline's brackets: the company's name ("FEDERAL PAPER BOARD CO"). */
function companyName(title: string): string[] {
  const head = title.replace(/&lt;/g, '<').replace(LEADING_MARKER, '').split('<')[0];
  return contentWords(head, false);
}

/** One name starts the other ("FEDERAL PAPER" and "FEDERAL PAPER BOARD CO"), two words at least. */
function sameCompanyName(a: Fingerprint, b: Fingerprint): boolean {
  const [x, y] = [companyName(a.title), companyName(b.title)].sort((p, q) => p.length - q.length);
  return x.length >= 2 && x.every((w, i) => y[i] === w);
}

/** Bracketed names in a wire headline: a ticker ("<CRNS>") or an unlisted company ("<PREMDOR INC>"). */
function issuersOf(title: string): string[] {
  return [...title.replace(/&lt;/g, '<').matchAll(/<([^>]+)>/g)].map((m) => normalizeText(m[1]).replace(/ /g, ''));
}

/**
 * A headline that announces what is expected ("FED EXPECTED TO ADD RESERVES", "TO VOTE ON
 * MERGER", "TO RESPOND TO DIAGNOSTIC BID") is a preview: the outcome ("FED SETS ...", "HOLDERS APPROVE MERGER") is another story,
 * however much wording the two share. A flash and its story are both previews or both not.
 * ("SEEN" is not a marker: "GROWTH SEEN AT THREE PCT" is a forecast, reported as such.)
 */
const PREVIEW = /\b(?:expected to|to vote on|to respond to)\b/i;
const isPreview = (title: string) => PREVIEW.test(title);

/** Share of distinctive headline words two short tables must share to be one item. */
const SHORT_SAME_HEADLINE = 0.85;

/** A wire table compares each figure with the prior one ("Mthly div 6.5 cts vs 6.5 cts prior"). */
const isTable = (f: Fingerprint) => /\bvs\b/i.test(f.lede);

/** Shared distinctive headline words over the longer headline's: one fund's name inside another's counts as other. */
function distinctiveOverlap(a: string, b: string): number {
  const wa = distinctive(a).filter((w) => !isFigureWord(w));
  const wb = new Set(distinctive(b).filter((w) => !isFigureWord(w)));
  if (wa.length === 0 || wb.size === 0) return 0;
  return wa.filter((w) => wb.has(w)).length / Math.max(wa.length, wb.size);
}

/** Below this share of figures in common, a same-template pair is about other figures. */
const MOSTLY_OTHER_FIGURES = 0.5;
/** At or above this share of the whole texts' figures in common, the copy carries the same figures. */
const SAME_FIGURES = 0.8;

/**
 * Same template, mostly other figures: another day's report or another company's table, unless
 * the copy says it corrects or updates the earlier one (a correction changes a figure or two). Same template and figures in the headline, a news cycle or more apart: the next
 * report, not a repeat.
 */
export function recurringVerdict(
  a: TemplateSide,
  b: TemplateSide,
  hours: number | undefined,
  t: Pick<MatchThresholds, 'newsCycleHours'>,
  signals: VersionSignals,
  bodyFigures?: number,
): string | undefined {
  const c = compareTemplates(a, b);
  if (!c.sameTemplate) return undefined;
  // The headline and lede can disagree while the text agrees: a results table whose "lede" is a
  // note line, refiled with the note reworded, keeps every figure of the table.
  if (c.figureAgreement < MOSTLY_OTHER_FIGURES && !(bodyFigures !== undefined && bodyFigures >= SAME_FIGURES)) {
    const declared = signals.correction || (signals.update && (hours ?? 0) <= t.newsCycleHours);
    return declared ? undefined : 'recurring template, other figures';
  }
  // Past the news cycle a changed figure, or a data headline at all, means the next report.
  if ((c.figuresInTitle || c.figureAgreement < 1) && hours !== undefined && hours > t.newsCycleHours)
    return `recurring report, ${hours} h later (past the ${t.newsCycleHours} h news cycle)`;
  return undefined;
}

/**
 * A headline-only item against another: the share of the flash's distinctive headline words
 * found in the other's headline and lede. The flash's subject (its first distinctive word) and
 * most of its figures must be there: "GM LATE FEBRUARY CAR SALES" is not Chrysler's, "SHR 1.38
 * DLRS" is not a dividend. `hours` apart decides whether two flashes are siblings.
 */
function flashCoverage(a: Fingerprint, b: Fingerprint, correction: boolean, hours: number | undefined): number {
  const [flash, other] = b.headlineOnly && !a.headlineOnly ? [b, a] : [a, b];
  const flashWords = distinctive(flash.title);
  if (flashWords.length === 0) return 0;
  // The other's figures count wherever they stand: a results table's lede is often its note,
  // the "SHR 1.38 DLRS" the flash announced sits in the table above it.
  const otherText = `${other.title} ${other.lede}`;
  const covered = coveredBy(new Set([...distinctive(otherText, false), ...other.figures]), initialsOf(otherText));
  let coverage = flashWords.filter(covered).length / flashWords.length;
  if (other.headlineOnly) {
    // Two flashes: symmetric, over the shorter headline.
    const mine = coveredBy(new Set(flashWords), initialsOf(flash.title));
    const theirs = distinctive(other.title);
    coverage = Math.max(coverage, theirs.filter(mine).length / Math.max(1, theirs.length));
  }
  const figures = flashWords.filter(isFigureWord);
  const figuresCovered = figures.filter(covered).length;
  if (!subjectsOf(flash.title).some(covered)) coverage *= 0.4;
  // A flash refiled CORRECTED changes the very figure it announced; sibling flashes minutes
  // apart announce different figures of one release ("FEBRUARY INFLATION 0.1 PCT", then "YEAR
  // ON YEAR INFLATION 3.4 PCT"), which their story then carries together.
  // Siblings differ in their figures only: the rest of either headline is in the other's.
  const siblings =
    other.headlineOnly === true &&
    hours !== undefined &&
    hours <= SIBLING_FLASH_HOURS &&
    wordsCovered(flashWords, covered) >= SIBLING_WORDS &&
    wordsCovered(distinctive(other.title), coveredBy(new Set(flashWords), initialsOf(flash.title))) >= SIBLING_WORDS;
  if (figuresCovered < figures.length / 2 && !correction && !siblings) coverage *= 0.3;
  // Half a headline's words turn up in any story on the same subject (an analysts' piece on
  // the figure the flash announced): below FLASH_MIN_COVERAGE the evidence counts half.
  return coverage < FLASH_MIN_COVERAGE ? coverage / 2 : coverage;
}

/** Flashes this close (news hours) may be one desk's bulletins on one release or event. */
const SIBLING_FLASH_HOURS = 1;
/** Share of a sibling flash's words other than figures found in the other flash. */
const SIBLING_WORDS = 0.8;

/** Share of the words other than figures that `covered` accepts. */
function wordsCovered(words: string[], covered: (w: string) => boolean): number {
  const plain = words.filter((w) => !isFigureWord(w));
  return plain.length === 0 ? 0 : plain.filter(covered).length / plain.length;
}

/**
 * Whether a word is in the set; or, inflected, shares its stem with one there ("TALKING" and
 * "talks") or one of four letters or more starts the other ("AGREE" and "agreed"); or, two or
 * three letters, abbreviates consecutive words there ("N.Y." and "New York"); or, a figure, is
 * printed otherwise there ("1.5" and "1.50"). Headlines abbreviate and inflect the story's words.
 */
function coveredBy(set: Set<string>, initials: Set<string>): (w: string) => boolean {
  const stems = new Set([...set].map(stem));
  const figures = new Set([...set].filter(isDigitFigure).map(figureForm));
  return (w) => {
    if (set.has(w)) return true;
    if (isDigitFigure(w)) return figures.has(figureForm(w));
    if (isFigureWord(w)) return false;
    if (w.length <= 3) return initials.has(w);
    if (stems.has(stem(w))) return true;
    for (const o of set) if (o.length >= 4 && !/\d/.test(o) && (o.startsWith(w) || w.startsWith(o))) return true;
    return false;
  };
}

const isDigitFigure = (w: string) => /\d/.test(w);
/** "1.50" and "1.5", "10.00" and "10": one figure however many decimals the copy prints. */
const figureForm = (f: string) => (/^\d+\.\d+$/.test(f) ? f.replace(/\.?0+$/, '') : f);
const stem = (w: string) => (w.length >= 5 ? w.replace(/(?:ing|ed|es|s)$/, '') : w);

/** Initials of each run of two and three consecutive words ("New York" → "ny"). */
function initialsOf(text: string): Set<string> {
  const words = contentWords(text, false);
  const out = new Set<string>();
  for (let i = 0; i + 1 < words.length; i++) {
    out.add(words[i][0] + words[i + 1][0]);
    if (i + 2 < words.length) out.add(words[i][0] + words[i + 1][0] + words[i + 2][0]);
  }
  return out;
}

/**
 * A headline's subject: its first distinctive word; after a dateline ("GENEVA - negotiators at
 * U.N. Conference agree ...") the first word after it too; and the country a data headline opens
 * with, which the generic words hide ("U.S. INDUSTRIAL CAPACITY USE RATE ROSE ...", whose story
 * speaks of factories, never of industry).
 */
function subjectsOf(title: string): string[] {
  const first = (text: string) => distinctive(text).find((w) => !isFigureWord(w));
  const dash = title.match(/^[^-]{1,30}\s-\s+(.+)$/);
  const opening = contentWords(joinAbbreviations(title), true)[0];
  return [first(title), dash ? first(dash[1]) : undefined, COUNTRY_OPENINGS.has(opening) ? opening : undefined].filter(
    (w): w is string => w !== undefined,
  );
}

/** Countries a wire data headline opens with that GENERIC_HEADLINE_WORDS leaves out. */
const COUNTRY_OPENINGS = new Set(['us', 'uk']);

/** Wire headlines spell small numbers out ("FED SETS TWO BILLION DLR ..."). */
const NUMBER_WORDS = new Set(
  'one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand'.split(
    ' ',
  ),
);
const isFigureWord = (w: string) => /\d/.test(w) || NUMBER_WORDS.has(w);

/** "CORRECTED - NORANDA GETTING ...", "(REFILED) ...": a version marker, not the headline's subject. */
const LEADING_MARKER = /^\W*(?:corrected|correction|refiled?|repeat|urgent)\W*/i;

/** Wire headlines abbreviate months ("79.8 PCT IN FEB FROM 79.6 PCT IN JAN") and quarters; the story spells them out. */
const MONTHS: Record<string, string> = {
  jan: 'january',
  feb: 'february',
  mar: 'march',
  apr: 'april',
  jun: 'june',
  jul: 'july',
  aug: 'august',
  sep: 'september',
  sept: 'september',
  oct: 'october',
  nov: 'november',
  dec: 'december',
  // and quarters ("4TH QTR" in the headline, "fourth quarter" in the story)
  '1st': 'first',
  '2nd': 'second',
  '3rd': 'third',
  '4th': 'fourth',
};

/** A headline's hedges and speech verbs ("SOROS GROUP TELLS SEC IT MAY BUY ..."): the story words them otherwise. */
const HEADLINE_FILLER = new Set(['may', 'might', 'could', 'would', 'will', 'tells', 'told']);

/** Headline words that say what the story is about: abbreviations joined ("U.K." → "uk"), months spelled out, generic wire words dropped. */
function distinctive(text: string, dropGeneric = true): string[] {
  const tokens = contentWords(joinAbbreviations(text.replace(LEADING_MARKER, '')), true).map((w) => MONTHS[w] ?? w);
  return [
    ...new Set(dropGeneric ? tokens.filter((w) => !GENERIC_HEADLINE_WORDS.has(w) && !HEADLINE_FILLER.has(w)) : tokens),
  ];
}

/**
 * Versions keep most of their figures (a correction or an updated toll changes one or two);
 * another day's or another city's template report changes most of them. The brake grows with
 * the number of differing figures, so two short texts that differ by a figure or two are spared.
 */
function figuresFactor(a: string[], b: string[], agreement: number | undefined): number {
  if (agreement === undefined || agreement >= 0.8) return 1;
  const differing = Math.round(Math.min(new Set(a).size, new Set(b).size) * (1 - agreement));
  return differing >= MANY_DIFFERING_FIGURES ? Math.max(0.3, agreement) : Math.max(0.4, agreement + 0.2);
}

function sameFeedVersion(
  candidate: MatchCandidate,
  neighbour: StoredFingerprint,
  evidence: MatchEvidence,
  thresholds: MatchThresholds,
): boolean {
  return (
    candidate.feedId !== undefined &&
    candidate.feedId === neighbour.feedId &&
    evidence.entities >= 0.6 &&
    // On one wire, names recur across a desk's stories (two Australian bond issues, two fund
    // dividends): the headlines must be about the same subject too.
    sameSubject(candidate, neighbour, evidence.headline) &&
    evidence.hoursApart !== undefined &&
    evidence.hoursApart <= thresholds.versionWindowHours / 3
  );
}

/**
 * Either headline's subject (its first distinctive word: a company, a country, "volcano") turns
 * up in the other's headline or lede, or half the headline is shared.
 */
function sameSubject(a: Fingerprint, b: Fingerprint, headline: number): boolean {
  if (headline >= 0.5) return true;
  const subject = (f: Fingerprint) => distinctive(f.title).find((w) => !isFigureWord(w));
  const mentions = (f: Fingerprint, word: string | undefined) =>
    word !== undefined && distinctive(`${f.title} ${f.lede}`, false).includes(word);
  return mentions(b, subject(a)) || mentions(a, subject(b));
}

function minhashJaccard(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let equal = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) equal++;
  return equal / n;
}

/**
 * Containment of the smaller shingle set in the larger, from bottom-k sketches: both sketches are
 * exact below the lower of their cut-offs, so compare only hashes below it. One pseudo-count in
 * the denominator keeps a two-shingle alert from claiming certainty.
 */
function sketchContainment(a: Fingerprint, b: Fingerprint): number {
  const cutoff = Math.min(sketchCutoff(a), sketchCutoff(b));
  const sa = a.sketch.filter((h) => h <= cutoff);
  const sb = new Set(b.sketch.filter((h) => h <= cutoff));
  if (sa.length === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const h of sa) if (sb.has(h)) shared++;
  return shared / (Math.min(sa.length, sb.size) + 1);
}

function sketchCutoff(f: Fingerprint): number {
  return f.shingleCount > f.sketch.length ? f.sketch[f.sketch.length - 1] : Infinity;
}

const STOPWORDS = new Set(
  'a an the of in on at to for and or but by with from as is are was were be been has have had it its this that says said after over into amid new'.split(
    ' ',
  ),
);

function contentWords(text: string, dropStopwords: boolean): string[] {
  const tokens = normalizeText(text)
    .split(' ')
    .filter((w) => w !== '');
  return dropStopwords ? tokens.filter((w) => !STOPWORDS.has(w)) : tokens;
}

interface Words {
  title: string;
  lede: string;
  slug?: string;
  ledeShingles: Set<string>;
  titleWords: Set<string>;
  signals: VersionSignals;
  slugBase: string;
}

// A candidate is scored against up to fifty neighbours: the words of its headline and lede, its
// version markers and slug are worked out once per object (again only if those fields changed).
const derived = new WeakMap<MatchCandidate, Words>();

function wordsOf(f: MatchCandidate): Words {
  const known = derived.get(f);
  if (known && known.title === f.title && known.lede === f.lede && known.slug === f.slug) return known;
  const made: Words = {
    title: f.title,
    lede: f.lede,
    slug: f.slug,
    ledeShingles: new Set(shingles(contentWords(f.lede, false), 3)),
    titleWords: new Set(contentWords(f.title, true)),
    signals: versionSignals(f.slug, f.title, f.lede),
    slugBase: slugBase(f.slug),
  };
  derived.set(f, made);
  return made;
}

/** |A ∩ B| / min(|A|, |B|) over distinct items; 0 when either is empty. */
function overlap(a: Iterable<string>, b: Iterable<string>): number {
  const sa = a instanceof Set ? (a as Set<string>) : new Set(a);
  const sb = b instanceof Set ? (b as Set<string>) : new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  let shared = 0;
  for (const x of sa) if (sb.has(x)) shared++;
  return shared / Math.min(sa.size, sb.size);
}

function hoursApart(a?: string, b?: string): number | undefined {
  const hours = newsHoursBetween(a, b);
  return hours === undefined ? undefined : round(hours);
}

function explain(n: ScoredNeighbour): string {
  const e = n.evidence;
  const parts = [
    `jaccard ${e.jaccard.toFixed(2)}`,
    `containment ${e.containment.toFixed(2)}`,
    `lede ${e.lede.toFixed(2)}`,
    `headline ${e.headline.toFixed(2)}`,
    `entities ${e.entities.toFixed(2)}`,
  ];
  if (e.figures !== undefined) parts.push(`figures ${e.figures.toFixed(2)}`);
  if (e.hoursApart !== undefined) parts.push(`${e.hoursApart} h apart`);
  if (e.sameFeed) parts.push('same feed');
  if (e.flash !== undefined) parts.push(`flash ${e.flash.toFixed(2)}`);
  if (e.sameSlugVersion) parts.push('version of the same slug');
  if (e.sameIssuerHeadline) parts.push(`same issuer and headline (${e.sameIssuerHeadline})`);
  if (e.runningReport) parts.push(`running report, ${e.runningReport}`);
  if (e.veto) parts.push(`vetoed: ${e.veto}`);
  return `${n.articleId}: ${parts.join(', ')}`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
