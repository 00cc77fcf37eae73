// How a wire desk versions a story, beyond the first flash and its full copy: sibling flashes,
// flashes worded otherwise than their story, a table sent again a day later, a correction that
// fixes the ticker itself. Each case is invented copy in the 1987 wire's style.
import { describe, expect, it } from 'vitest';
import { type PairArticle } from '../../eval/dedupe.js';
import { fingerprint, type Fingerprint, type StoredFingerprint } from '../../src/stories/fingerprint.js';
import { defaultThresholds, matchStory } from '../../src/stories/match.js';
import { decide, hoursLater, wireItem } from '../support/wire-items.js';

const T0 = '1987-03-17T13:30:00.000Z';

const flash = (title: string, hours = 0): PairArticle => wireItem(title, '', hoursLater(T0, hours));
const story = (title: string, paragraphs: string[], hours: number): PairArticle =>
  wireItem(title, paragraphs.join('\n\n'), hoursLater(T0, hours));

describe('a flash worded otherwise than its story', () => {
  it('reads the headline’s abbreviations, months and figures as the story spells them', async () => {
    const [alert, full] = await decide([
      flash('N.Y. SAVINGS DEPOSITS FALL 245 MLN DLRS IN FEB 25 WEEK, FED SAYS'),
      story(
        'NEW YORK SAVINGS DEPOSITS FALL 245 MLN DLRS',
        [
          'Savings deposits at the ten largest New York banks fell 245 mln dlrs to 31.80 billion dlrs in the ' +
            'week ended February 25, the Federal Reserve Bank of New York said.',
          'Deposits had risen 110 mln dlrs in the previous week, the bank said in its weekly report on the district.',
        ],
        0.1,
      ),
    ]);
    expect(full.storyId).toBe(alert.storyId);
  });

  it('reads a headline’s quarter as the story spells it', async () => {
    const [alert, full] = await decide([
      flash('NORWAY 4TH QTR OIL OUTPUT ROSE 2.1 PCT AFTER 3RD QTR RISE - OFFICIAL'),
      story(
        'NORWAY OIL OUTPUT UP IN QUARTER',
        [
          'Norway’s oil output rose 2.1 pct in the fourth quarter of 1986 after a 1.4 pct rise in the third, ' +
            'the official statistics office said on Monday in its quarterly report.',
          'Gas output was little changed over the quarter, the office said.',
        ],
        0.3,
      ),
    ]);
    expect(full.storyId).toBe(alert.storyId);
  });

  it('finds the subject after a dateline, and inflected in the story', async () => {
    const [alert, full] = await decide([
      flash('LISBON - delegates at cork producers meeting agree common export floor - chairman'),
      story(
        'CORK PRODUCERS SETTLE DIFFERENCES OVER EXPORTS',
        [
          'Delegates at a meeting of the main cork producing countries have agreed on a common export floor ' +
            'price for the coming season, the meeting chairman told reporters after the final session.',
          'The floor will be reviewed every six months by a committee of the producers, he said.',
        ],
        0.2,
      ),
    ]);
    expect(full.storyId).toBe(alert.storyId);
  });
});

describe('a copy filed again', () => {
  it('joins the copy it repeats, not a flash whose words both carry', async () => {
    const copy = (hours: number) =>
      story(
        'ALPHA, BETA FOLLOW GAMMA PRIME RATE CUT',
        [
          'Alpha Bank and Beta Bank said they are cutting their prime lending rates to 8.5 pct from nine pct, ' +
            'following a similar move by Gamma Bank earlier in the day.',
          'The new rates take effect tomorrow, the banks said.',
        ],
        hours,
      );
    const [alpha, beta, first, again] = await decide([
      flash('ALPHA BANK SAID IT CUTTING PRIME RATE TO 8.5 PCT FROM NINE PCT'),
      flash('BETA BANK SAID IT CUTTING PRIME RATE TO 8.5 PCT FROM NINE PCT', 0.05),
      copy(0.2),
      { ...copy(0.35), bodyText: `${copy(0).bodyText}\n\nThe cut is the second this month.` },
    ]);
    expect(beta.storyId).not.toBe(alpha.storyId);
    expect(again.storyId).toBe(first.storyId);
  });
});

describe('a flash and yesterday’s template report', () => {
  it('gives today’s story to the flash filed minutes ago, not to yesterday’s report in the same words', () => {
    const body =
      'The Federal Reserve entered the government securities market to arrange 1.5 billion dlrs of customer ' +
      'repurchase agreements, a Fed spokesman said. Dealers said Federal funds were trading at 6-1/8 pct.';
    const title = 'FED ADDS RESERVES VIA CUSTOMER REPURCHASES';
    const stored = (articleId: string, fp: Fingerprint, hours: number): StoredFingerprint => ({
      ...fp,
      articleId,
      storyId: `s-${articleId}`,
      publishedAt: hoursLater(T0, hours),
      feedId: 'wire',
    });
    const yesterday = stored('yesterday', fingerprint({ title, bodyText: body }), -24);
    const alert = stored(
      'alert',
      fingerprint({ title: 'FED SAYS IT SETS 1.5 BILLION DLRS OF CUSTOMER REPURCHASE AGREEMENTS', bodyText: '' }),
      -0.05,
    );
    const today = { ...fingerprint({ title, bodyText: body }), publishedAt: T0, feedId: 'wire' };
    const result = matchStory(today, [yesterday, alert], defaultThresholds);
    expect(result.match?.articleId).toBe('alert');
  });
});

describe('sibling flashes', () => {
  it('joins two flashes minutes apart that differ only in the figures of one release', async () => {
    const [monthly, yearly] = await decide([
      flash('Belgian February inflation 0.3 pct vs 0.5 pct in January - official'),
      flash('Belgian February year on year inflation 1.9 pct vs 2.1 pct January - official', 0.1),
    ]);
    expect(yearly.storyId).toBe(monthly.storyId);
  });

  it('keeps two companies’ awards of the same kind apart', async () => {
    const [first, second] = await decide([
      flash('NAVY SAYS NORTHROP AWARDED 210 MLN DLR RADAR CONTRACT'),
      flash('NAVY SAYS RAYTHEON GETS 208.5 MLN DLR RADAR CONTRACT', 0.05),
    ]);
    expect(second.storyId).not.toBe(first.storyId);
  });
});

describe('a company’s table sent again', () => {
  const table = (title: string, note: string, hours: number) =>
    story(
      title,
      [
        'Shr 31 cts vs 22 cts',
        'Net 3,204,000 vs 2,215,000',
        'Revs 51.7 mln vs 48.3 mln',
        'Year',
        'Shr 1.04 dlrs vs 86 cts',
        'Net 10,810,000 vs 8,905,000',
        'Revs 190.2 mln vs 171.6 mln',
        note,
      ],
      hours,
    );

  it('joins the same figures under the same headline a day later', async () => {
    const [first, again] = await decide([
      table(
        'HARBORSIDE SYSTEMS INC <HBS> 4TH QTR JAN 31 NET',
        'NOTE: Year net includes gain on sale of a unit of 12 cts a share.',
        0,
      ),
      table(
        'HARBORSIDE SYSTEMS INC <HBS> 4TH QTR NET',
        'Note: Latest year figures include a gain of 1.2 mln dlrs on a unit sale.',
        30,
      ),
    ]);
    expect(again.storyId).toBe(first.storyId);
    expect(again.reason).toMatch(/same issuer and headline \(repeated\)/);
  });
});

describe('a correction', () => {
  it('joins the item it corrects when it fixes the ticker too', async () => {
    // The enricher names the company in both.
    const payout = (title: string, lines: string[], hours: number) => ({
      ...story(title, lines, hours),
      entities: ['org:atlantic container'],
    });
    const [first, fixed] = await decide([
      payout(
        'CORRECTED - ATLANTIC CONTAINER <ACN> RAISES PAYOUT',
        ['Qtly div 21-1/2 cts vs 21 cts', 'Pay May 1', 'Record April 10'],
        0,
      ),
      payout(
        '(CORRECTED) - ATLANTIC CONTAINER CORP <ACT> PAYOUT',
        [
          'Qtly div 21.5 cts vs 21.5 cts in prior qtr',
          'Payable May 1',
          'Record April 10',
          '(Company corrects prior payment in item of March 17 to show no change)',
        ],
        20,
      ),
    ]);
    expect(fixed.storyId).toBe(first.storyId);
    expect(fixed.reason).toMatch(/same issuer and headline \(correction\)/);
  });
});
