// Wire signals that text overlap alone misreads:
//   - recurring templates: "U.K. MONEY MARKET GIVEN 224 MLN STG ASSISTANCE", "FED SETS 1.5
//     BILLION DLR CUSTOMER REPURCHASE", a dividend table: the same wording every day, other
//     figures. Same template with other figures is another story unless the copy says it
//     corrects or updates the earlier one; the same template with the same figures in another
//     news cycle is the next day's report, not a repeat.
//   - version markers in the slug or headline (1STLD, 2NDLD, WRITETHROUGH, CORRECTED, REFILE,
//     URGENT) and corrections: the copy declares itself a version of an earlier story.
//   - kill notices: the copy withdraws an earlier story.
// Pure functions over normalized words.
import { joinAbbreviations, normalizeText, words } from './text.js';

const MARKER =
  /\b(?:\d+(?:st|nd|rd|th)?ld|ld|writethru|writethrough|corrected|correction|correcting|refile|refiled|repeat|resend|resending|urgent|recast|update)\b/i;
const CORRECTION = /\b(?:correct(?:ed|s|ion|ing)?|refile[ds]?|amended|revised)\b/i;
const UPDATE =
  /\b(?:revised|revises|further|updates?|updated|recasts?|writethru|writethrough|adds|\d+(?:st|nd|rd|th)ld)\b/i;
// A kill notice opens with the word ("KILL - ...", "BC-KILL-..."); "THREE KILLED IN ..." is news.
const KILL = /^(?:(?:bc|am|pm)-)?\W*(?:kill|eliminate|withdrawn|disregard)\b/i;
/** The kill marker opening a kill notice's slug ("BC-KILL-PERLE"): not part of the story's keyword. */
const KILL_WORD = /^(?:kill|eliminate|withdrawn|disregard)$/;

export interface VersionSignals {
  /** The slug or headline carries a version marker (1STLD, WRITETHROUGH, CORRECTED, ...). */
  marker: boolean;
  /** The copy says it corrects or revises earlier copy. */
  correction: boolean;
  /** The copy says it updates earlier copy (further, revised, a new lead). */
  update: boolean;
  /** A kill notice: the copy withdraws an earlier story. */
  kill: boolean;
}

export function versionSignals(slug: string | undefined, title: string, lede: string): VersionSignals {
  const head = `${slug ?? ''} ${title}`;
  const opening = lede.split(/\s+/).slice(0, 40).join(' ');
  return {
    marker: MARKER.test(head.replace(/[-_]/g, ' ')),
    correction: CORRECTION.test(`${head} ${opening}`),
    update: UPDATE.test(`${head.replace(/[-_]/g, ' ')} ${opening}`),
    kill: KILL.test(slug ?? '') || KILL.test(title),
  };
}

/** The slug without desk prefix, flash asterisks and version markers: `BC-PERLE-2NDLD` → `perle`. */
export function slugBase(slug: string | undefined): string {
  if (!slug) return '';
  return normalizeText(
    slug
      .replace(/&lt;/g, '<')
      .replace(/^(?:BC|AM|PM)-/i, '')
      .replace(/\*+/g, ' '),
  )
    .split(' ')
    .filter((w, i) => w !== '' && !MARKER.test(w) && !(i === 0 && KILL_WORD.test(w)))
    .join(' ');
}

const isFigure = (w: string) => /\d/.test(w);

/** Normalized words with every figure masked: the wording a recurring report keeps from day to day. */
export function masked(text: string): string[] {
  return words(text).map((w) => (isFigure(w) ? '#' : w));
}

/** Figures as printed, fractions and separators kept ("10-7/8", "1,100"): one figure, one token. */
export function figuresIn(text: string): string[] {
  return [...new Set(text.match(/\d+(?:[.,/-]\d+)*/g) ?? [])];
}

export interface TemplateSide {
  title: string;
  lede: string;
}

export interface TemplateComparison {
  /** Same wording once figures are masked (headline, or most of the lede). */
  sameTemplate: boolean;
  /** Share of the smaller figure set found in the other (1 when either has none): an alert's
   * figures all reappear in the write-thru, a correction keeps most, another day's report few. */
  figureAgreement: number;
  /** The headline itself carries figures (a data report rather than prose). */
  figuresInTitle: boolean;
}

export function compareTemplates(a: TemplateSide, b: TemplateSide): TemplateComparison {
  const sa = templateOf(a);
  const sb = templateOf(b);
  const ta = sa.title;
  const tb = sb.title;
  const sameTitle = ta !== '' && ta === tb;
  const sameLede = ledeTemplateOverlap(sa.ledeShingles, sb.ledeShingles) >= 0.8;
  const fa = sa.figures;
  const fb = sb.figures;
  const shared = fa.filter((f) => fb.includes(f)).length;
  const smaller = Math.min(fa.length, fb.length);
  return {
    sameTemplate: sameTitle || sameLede,
    figureAgreement: smaller === 0 ? 1 : shared / smaller,
    figuresInTitle: ta.includes('#') && tb.includes('#'),
  };
}

interface SideTemplate {
  titleText: string;
  ledeText: string;
  /** The masked headline. */
  title: string;
  ledeShingles: Set<string>;
  figures: string[];
}

// One side is compared with many others (a candidate with its fifty neighbours): its masked
// words are worked out once per object, and again only if its title or lede changed.
const sides = new WeakMap<TemplateSide, SideTemplate>();

function templateOf(side: TemplateSide): SideTemplate {
  const known = sides.get(side);
  if (known && known.titleText === side.title && known.ledeText === side.lede) return known;
  const made = {
    titleText: side.title,
    ledeText: side.lede,
    title: masked(side.title).join(' '),
    ledeShingles: shingleSet(masked(side.lede)),
    figures: figuresIn(`${side.title} ${side.lede}`),
  };
  sides.set(side, made);
  return made;
}

/** 3-word shingle overlap of the masked ledes (share of the smaller set); 0 for short ledes. */
function ledeTemplateOverlap(sa: Set<string>, sb: Set<string>): number {
  if (sa.size < 4 || sb.size < 4) return 0;
  let shared = 0;
  for (const s of sa) if (sb.has(s)) shared++;
  return shared / Math.min(sa.size, sb.size);
}

function shingleSet(tokens: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= tokens.length; i++) out.add(tokens.slice(i, i + 3).join(' '));
  return out;
}

/**
 * A desk report's key: its headline start (three words) and opening words (four), e.g.
 * "uk money market|the bank of england". A running report keeps both from update to update
 * and from day to day; undefined for a headline-only item or a short text.
 */
export function reportKey(f: { title: string; lede: string; headlineOnly?: boolean }): string | undefined {
  if (f.headlineOnly) return undefined;
  const title = words(joinAbbreviations(f.title)).slice(0, 3);
  const lede = words(joinAbbreviations(f.lede)).slice(0, 4);
  return title.length === 3 && lede.length === 4 ? `${title.join(' ')}|${lede.join(' ')}` : undefined;
}
