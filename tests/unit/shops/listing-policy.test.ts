import { describe, expect, it } from 'vitest';
import { fairShare, rankShops, type ListingCandidate } from '../../../src/shops/listing-policy.js';

/** Fixed data: the buyer lives in 35.78.07.1003; the cap is Rp 30.000.000 unless said. */
const HOME = '35.78.07.1003';
const CAP = 30_000_000;
let id = 0;
const shop = (name: string, used: number, p: Partial<ListingCandidate> = {}): ListingCandidate => ({
  id: ++id,
  name,
  kelurahanCode: '35.78.07.1001',
  used,
  cap: CAP,
  closed: false,
  unanswered: false,
  ...p,
});
const names = (r: { shop: ListingCandidate }[]) => r.map((x) => x.shop.name);

describe('the fair_share listing policy', () => {
  it('puts the shop far below its share of the month first, whatever its distance or name', () => {
    const shops = [
      shop('A near, at the median', 2_000_000, { kelurahanCode: HOME }),
      shop('B at the median', 2_000_000),
      shop('C far below', 400_000),
      shop('D above', 6_000_000, { kelurahanCode: HOME }),
      shop('E above', 3_000_000),
    ];
    // Median of the fills: 2,000,000 / cap. C is at a fifth of it: far below (band 0); A and B at the share.
    expect(fairShare(shops)).toBeCloseTo(2_000_000 / CAP);
    const ranked = rankShops('fair_share', shops, HOME);
    expect(names(ranked)).toEqual(['C far below', 'A near, at the median', 'D above', 'B at the median', 'E above']);
    expect(ranked[0]!.reason).toBe('below_share');
  });

  it('breaks ties between shops equally far below their share by nearness: same kelurahan, then kecamatan, then farther', () => {
    const shops = [
      shop('Farther', 0, { kelurahanCode: '35.78.08.1001' }),
      shop('Same kecamatan', 0, { kelurahanCode: '35.78.07.1002' }),
      shop('Same kelurahan', 0, { kelurahanCode: HOME }),
      shop('Busy', 5_000_000, { kelurahanCode: HOME }),
    ];
    const ranked = rankShops('fair_share', shops, HOME);
    expect(names(ranked)).toEqual(['Same kelurahan', 'Same kecamatan', 'Farther', 'Busy']);
    expect(ranked.map((r) => r.reason)).toEqual(['no_orders_yet', 'no_orders_yet', 'no_orders_yet', 'near']);
  });

  it('judges the share against each shop cap: a shop with a small cap override that used most of it is not "below"', () => {
    const shops = [
      shop('Small cap, nearly full', 900_000, { cap: 1_000_000 }),
      shop('Big cap', 3_000_000),
      shop('Big cap 2', 3_000_000),
    ];
    expect(names(rankShops('fair_share', shops, HOME))).toEqual(['Big cap', 'Big cap 2', 'Small cap, nearly full']);
  });

  it('never ranks a closed shop, and puts a shop that does not answer after those that do unless it has nothing this month', () => {
    const shops = [
      shop('Closed, nothing yet', 0, { closed: true }),
      shop('Silent with a hold', 100_000, { unanswered: true }),
      shop('Silent, nothing yet', 0, { unanswered: true }),
      shop('Answers, nothing yet', 0),
      shop('Answers, busy', 9_000_000),
    ];
    const ranked = rankShops('fair_share', shops, HOME);
    expect(names(ranked)).toEqual([
      'Answers, nothing yet',
      'Silent, nothing yet',
      'Answers, busy',
      'Silent with a hold',
    ]);
    // Nothing to recommend a shop that does not answer.
    expect(ranked[1]!.reason).toBeNull();
  });
});

describe('the other policies', () => {
  const shops = () => [
    shop('Cempaka', 400_000),
    shop('Anggrek', 150_000, { unanswered: true }),
    shop('Bougenvil', 0),
    shop('Dahlia', 0, { closed: true }),
  ];

  it('least_earning: held + committed ascending, silent shops after answering ones, closed never ranked', () => {
    const ranked = rankShops('least_earning', shops(), HOME);
    expect(names(ranked)).toEqual(['Bougenvil', 'Cempaka', 'Anggrek']);
    expect(ranked[0]!.reason).toBe('no_orders_yet');
  });

  it('alphabetical: by name only, closed never ranked, no reasons', () => {
    const ranked = rankShops('alphabetical', shops(), HOME);
    expect(names(ranked)).toEqual(['Anggrek', 'Bougenvil', 'Cempaka']);
    expect(ranked.every((r) => r.reason === null)).toBe(true);
  });
});
