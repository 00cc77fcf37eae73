// Story identity on wire copy: time on the item's own clock, recurring templates, flashes.
import { describe, expect, it } from 'vitest';
import { type PairArticle } from '../../eval/dedupe.js';
import { decide, hoursLater, wireItem } from '../support/wire-items.js';

const T0 = '1987-03-12T09:30:00.000Z';

/** A headline-only item: a flash or alert, the first version a wire sends of a story. */
const headlineOnly = (title: string, publishedAt = T0): PairArticle => wireItem(title, '', publishedAt);

const mine: PairArticle = {
  title: 'Copper miners at Northfield walk out over pay',
  bodyText:
    'About four thousand copper miners at the Northfield complex walked out on Thursday to press for higher pay, ' +
    'the mine workers union said, halting output at the country’s second largest mine.\n\n' +
    'The union said the strike would continue until the state mining company reopened talks on a wage offer it ' +
    'withdrew last week. Company officials were not immediately available for comment on the stoppage.',
  publishedAt: T0,
  feedId: 'wire',
};

const moneyMarket = (given: string, total: string, shortage: string, at: string, extra = ''): PairArticle => ({
  title: `U.K. MONEY MARKET GIVEN ${given} MLN STG ASSISTANCE`,
  bodyText:
    `The Bank of England said it provided the money market with ${given} mln stg in assistance this morning.${extra} ` +
    `This brings the Bank's total help so far today to ${total} mln stg and compares with its forecast of a ` +
    `${shortage} mln stg shortage in the system. The central bank bought bills outright in band one at 10-7/8 pct.`,
  publishedAt: at,
  feedId: 'wire',
});

describe('story identity on the item’s own time', () => {
  it('files identical copy within the window as a duplicate', async () => {
    const [first, again] = await decide([mine, { ...mine, publishedAt: hoursLater(T0, 10) }]);
    expect(again).toMatchObject({ kind: 'duplicate', rule: 'text-hash', storyId: first.storyId });
  });

  it('starts a new story for identical copy past the window, and says so', async () => {
    const [first, later] = await decide([mine, { ...mine, publishedAt: hoursLater(T0, 50) }]);
    expect(later.kind).toBe('new');
    expect(later.storyId).not.toBe(first.storyId);
    expect(later.reason).toMatch(/outside the 36 h window/);
  });

  it('measures the window from the story’s latest version, not its first', async () => {
    const rewrite = {
      ...mine,
      title: 'Northfield copper strike halts output',
      bodyText: `${mine.bodyText}\n\nThe union represents most of the complex’s workforce.`,
    };
    const [first, second, third] = await decide([
      mine,
      { ...rewrite, publishedAt: hoursLater(T0, 30) },
      { ...mine, publishedAt: hoursLater(T0, 50) },
    ]);
    expect(second.storyId).toBe(first.storyId);
    expect(third.storyId).toBe(first.storyId);
  });

  it('does not count the weekend: Friday’s copy repeated on Monday morning is the same story', async () => {
    const friday = '1987-03-13T17:00:00.000Z';
    const [first, monday] = await decide([
      { ...mine, publishedAt: friday },
      { ...mine, publishedAt: hoursLater(friday, 63) },
    ]);
    expect(monday.storyId).toBe(first.storyId);
  });

  it('still starts a new story for Thursday’s copy repeated on Monday', async () => {
    const [first, monday] = await decide([mine, { ...mine, publishedAt: hoursLater(T0, 94) }]);
    expect(monday.kind).toBe('new');
    expect(monday.storyId).not.toBe(first.storyId);
    expect(monday.reason).toMatch(/outside the 36 h window/);
  });
});

describe('a preview and its outcome', () => {
  it('keeps the outcome apart from the preview that shares its wording', async () => {
    const preview: PairArticle = {
      title: 'FED EXPECTED TO ADD TEMPORARY RESERVES',
      bodyText:
        'The Federal Reserve is expected to enter the U.S. Government securities market to add temporary reserves ' +
        'through customer repurchase agreements, economists said. They expected the Fed to arrange about 1.5 ' +
        'billion dlrs of customer repurchase agreements. Federal funds were trading at 6-1/8 pct.',
      publishedAt: T0,
      feedId: 'wire',
    };
    const flash = headlineOnly(
      'FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE AGREEMENTS, FED SAYS',
      hoursLater(T0, 0.6),
    );
    const [first, outcome] = await decide([preview, flash]);
    expect(outcome.storyId).not.toBe(first.storyId);
  });
});

describe('recurring templates', () => {
  it('keeps another day’s report with other figures apart', async () => {
    const [monday, tuesday] = await decide([
      moneyMarket('224', '346', '1,100', T0),
      moneyMarket('181', '401', '400', hoursLater(T0, 22)),
    ]);
    expect(tuesday.kind).toBe('new');
    expect(tuesday.storyId).not.toBe(monday.storyId);
    expect(tuesday.reason).toMatch(/recurring template, other figures/);
  });

  it('joins a report that says it corrects the earlier one', async () => {
    const [first, fixed] = await decide([
      moneyMarket('224', '346', '1,100', T0),
      moneyMarket('242', '364', '1,100', hoursLater(T0, 1), ' This corrects the figure given earlier.'),
    ]);
    expect(fixed.storyId).toBe(first.storyId);
  });

  it('joins a results table refiled on another desk with its note line reworded', async () => {
    // The table's "lede" is its note line (the first line long enough to be prose); the notes
    // carry other figures, the table carries the same ones.
    const table = (note: string, at: string): PairArticle => ({
      title: 'KANEB ENERGY PARTNERS LTD <KEP> 4TH QTR LOSS',
      bodyText: [
        'Shr loss 1.12 dlrs',
        'Net loss 186,000',
        'Revs 10.7 mln',
        'Avg units 17.2 mln',
        '11 mths',
        'Shr loss 7.26 dlrs',
        'Net loss 121.4 mln',
        'Revs 46.9 mln',
        'Avg units 16.7 mln',
        note,
      ].join('\n\n'),
      publishedAt: at,
      feedId: 'wire',
    });
    const [first, refiled] = await decide([
      table('Note: results restated for the partnership formed under the prospectus dated June 30, 1986.', T0),
      table(
        'NOTE: Kaneb Services Inc moved its pipeline units, 12 in all, to the partnership in the first 9 months of 1985.',
        hoursLater(T0, 2),
      ),
    ]);
    expect(refiled.storyId).toBe(first.storyId);
  });

  it('keeps a data flash with the same figures a day later apart', async () => {
    const flash = headlineOnly('FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE, FED SAYS');
    const [first, next] = await decide([flash, { ...flash, publishedAt: hoursLater(T0, 24) }]);
    expect(next.kind).toBe('new');
    expect(next.storyId).not.toBe(first.storyId);
    expect(next.reason).toMatch(/recurring report/);
  });
});

describe('a running desk report', () => {
  const WEDNESDAY = '1987-03-11T05:00:00.000Z';
  const forecast = (shortage: string, drain: string, at: string): PairArticle => ({
    title: `U.K. MONEY MARKET DEFICIT FORECAST AT ${shortage} MLN STG`,
    bodyText:
      `The Bank of England said it forecast a shortage of around ${shortage} mln stg in the money market today. ` +
      `Among the main factors, bills maturing in official hands and the treasury bill take-up will drain ${drain} ` +
      `mln stg, while a fall in note circulation adds some 90 mln stg.`,
    publishedAt: at,
    feedId: 'wire',
  });
  const further = (given: string, total: string, at: string): PairArticle => ({
    title: `U.K. MONEY MARKET GIVEN FURTHER ${given} MLN STG HELP`,
    bodyText:
      `The Bank of England said it gave the discount houses a further ${given} mln stg of help in the afternoon, ` +
      `taking its total so far today to ${total} mln stg. It made outright purchases of band two bank bills ` +
      `at 10-13/16 pct and made no change to its dealing rates.`,
    publishedAt: at,
    feedId: 'wire',
  });

  it('keeps the day’s updates in one story, apart from the day before', async () => {
    // Wednesday's copies show the report runs several times a day; Thursday's are then matched as such.
    const decisions = await decide([
      forecast('700', '525', WEDNESDAY),
      moneyMarket('37', '37', '700', hoursLater(WEDNESDAY, 2.5)),
      further('456', '493', hoursLater(WEDNESDAY, 4.5)),
      forecast('350', '410', T0.replace('09:30', '05:00')),
      moneyMarket('24', '24', '350', T0.replace('09:30', '07:30')),
      further('437', '461', T0),
    ]);
    const [wed, thu] = [decisions.slice(0, 3), decisions.slice(3)];
    for (const d of thu) expect(d.storyId).toBe(thu[0].storyId);
    for (const d of wed) expect(d.storyId).not.toBe(thu[0].storyId);
    expect(thu[0].reason).toMatch(/the same running report on another day/);
    expect(thu[2].reason).toMatch(/running report, same day/);
  });
});

describe('wire tables', () => {
  const payout = (fund: string, cents: string): PairArticle => ({
    title: `<FRANKLIN ${fund} TAX-FREE INCOME FUND> PAYOUT`,
    bodyText: [`Mthly div ${cents} cts vs ${cents} cts prior`, 'Pay March 13', 'Record March Two'].join('\n\n'),
    publishedAt: T0,
    feedId: 'wire',
  });

  it('keeps two funds’ payouts apart, however alike their tables', async () => {
    const [federal, newYork] = await decide([payout('FEDERAL', '7.7'), payout('NEW YORK', '7.3')]);
    expect(newYork.storyId).not.toBe(federal.storyId);
    expect(newYork.reason).toMatch(/another issuer/);
  });

  it('joins a results table refiled with its figures reformatted', async () => {
    const table = (title: string, lines: string[], at: string): PairArticle => ({
      title,
      bodyText: lines.join('\n\n'),
      publishedAt: at,
      feedId: 'wire',
    });
    const [first, refiled] = await decide([
      table(
        'POTOMAC ELECTRIC POWER CO <POM> JAN NET',
        [
          'Shr 27 cts vs 29 cts',
          'Net 13,555,000 vs 14,635,000',
          'Revs 104,606,000 vs 110,311,000',
          '12 mths',
          'Shr 4.10 dlrs vs 3.66 dlrs',
          'Net 226,653,000 vs 186,790,000',
          'Revs 1.4 billion vs 1.3 billion',
        ],
        T0,
      ),
      table(
        'POTOMAC ELECTRIC POWER CO <POM> JANUARY NET',
        [
          'Oper shr 27 cts vs 29 cts',
          'Oper net 13.5 mln vs 14.6 mln',
          'Revs 104.6 mln vs 110.3 mln',
          '12 mths',
          'Oper shr 4.10 dlrs vs 3.66 dlrs',
          'Oper net 205 mln vs 186.8 mln',
          'Revs 1.4 billion vs 1.3 billion',
        ],
        hoursLater(T0, 1.5),
      ),
    ]);
    expect(refiled.storyId).toBe(first.storyId);
    expect(refiled.reason).toMatch(/same issuer and headline/);
  });
});

describe('a headline-only flash', () => {
  const flash = headlineOnly('NORTHFIELD COPPER MINERS STRIKE OVER PAY, UNION SAYS');

  it('starts a story that the full copy joins as its next version', async () => {
    const [alert, full] = await decide([flash, { ...mine, publishedAt: hoursLater(T0, 0.2) }]);
    expect(alert.kind).toBe('new');
    expect(full).toMatchObject({ kind: 'update', storyId: alert.storyId });
  });

  it('stops being the way in once the full copy is there: a follow-up repeating its words is new', async () => {
    const retail = headlineOnly('U.S. RETAIL SALES ROSE 4.1 PCT IN FEBRUARY');
    const story: PairArticle = {
      title: 'U.S. RETAIL SALES RISE 4.1 PCT IN FEBRUARY',
      bodyText:
        'U.S. retail sales rose 4.1 pct in February to a seasonally adjusted 122.29 billion dlrs, the Commerce ' +
        'Department said, after a revised 7.4 pct drop in January. Car dealers led the rise with sales up 18 pct.',
      publishedAt: hoursLater(T0, 0.1),
      feedId: 'wire',
    };
    const analysts: PairArticle = {
      title: 'U.S. RETAIL SALES RISE IN FEBRUARY MASKS WEAK TREND - ANALYSTS',
      bodyText:
        'Economists said the 4.1 pct jump in U.S. retail sales in February hides a weak underlying trend in ' +
        'consumer spending, since most of it came from car buyers rushing to dealers before incentives end.',
      publishedAt: hoursLater(T0, 3),
      feedId: 'wire',
    };
    const [alert, full, followUp] = await decide([retail, story, analysts]);
    expect(full.storyId).toBe(alert.storyId);
    expect(followUp.storyId).not.toBe(alert.storyId);
  });

  it('does not take another company’s story with the same kind of headline', async () => {
    const other: PairArticle = {
      ...mine,
      title: 'Southgate tin miners walk out over pay',
      bodyText: mine.bodyText.replace(/copper/g, 'tin').replace(/Northfield/g, 'Southgate'),
    };
    const [alert, full] = await decide([flash, { ...other, publishedAt: hoursLater(T0, 0.2) }]);
    expect(full.storyId).not.toBe(alert.storyId);
  });
});

describe('the same-feed bonus on one wire', () => {
  const bond = (issuer: string, amount: string, at: string): PairArticle => ({
    title: `${issuer.toUpperCase()} ISSUES ${amount} MLN AUSTRALIAN DLR BOND`,
    bodyText:
      `${issuer} is issuing a ${amount} mln Australian dlr eurobond due 1992 paying 14-1/2 pct and priced at 101-3/8, ` +
      `lead manager Hambros Bank Ltd said in London. The non-callable bond is available in denominations of 1,000 ` +
      `Australian dlrs and will be listed in Luxembourg.`,
    entities: ['location:Australia', 'location:London', 'organization:Hambros Bank', 'location:Luxembourg'],
    publishedAt: at,
    feedId: 'wire',
  });

  it('is not given to another issuer’s story naming the same places and banks', async () => {
    const other: PairArticle = {
      ...bond('State Bank of Victoria', '75', hoursLater(T0, 0.3)),
      title: 'STATE BANK OF VICTORIA LAUNCHES AUSTRALIAN DLR EUROBOND',
      bodyText:
        'A 75 mln Australian dlr deal for State Bank of Victoria was launched by Hambros Bank Ltd, which said ' +
        'the five-year paper carries a coupon of 14 pct. Dealers in London said demand for Australian dlr ' +
        'paper from Luxembourg and Swiss retail accounts remained firm despite the currency’s recent fall.',
    };
    const [first, second] = await decide([bond('Commonwealth Bank of Australia', '100', T0), other]);
    expect(second.storyId).not.toBe(first.storyId);
    expect(second.reason).not.toMatch(/same feed/);
  });

  it('is still given to a rewrite about the same subject', async () => {
    const first = bond('Commonwealth Bank of Australia', '100', T0);
    const rewrite: PairArticle = {
      ...first,
      title: 'COMMONWEALTH BANK UPS AUSTRALIAN DLR BOND TO 125 MLN',
      bodyText: `Commonwealth Bank of Australia raised its Australian dlr eurobond to 125 mln from 100 mln on strong demand, Hambros Bank Ltd said.\n\n${first.bodyText}`,
      publishedAt: hoursLater(T0, 0.5),
    };
    const [a, b] = await decide([first, rewrite]);
    expect(b.storyId).toBe(a.storyId);
    expect(b.reason).toMatch(/same feed/);
  });
});
