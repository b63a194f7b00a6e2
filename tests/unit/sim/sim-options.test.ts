import { describe, expect, it } from 'vitest';
import { parseSimOptions } from '../../../src/sim/sim-options.js';
import { ValidationError } from '../../../src/shared/errors.js';

describe('the lag stop options of npm run simulate', () => {
  it('stops on lag by default, at half the reminder time after 30 s, with no hold delay', () => {
    expect(parseSimOptions([])).toMatchObject({
      stopOnLag: true,
      maxLagMinutes: null,
      lagGraceSeconds: 30,
      holdDelayMs: 0,
    });
  });

  it('reads --no-stop-on-lag, --max-lag-minutes, --lag-grace-seconds and --hold-delay-ms', () => {
    const o = parseSimOptions([
      '--no-stop-on-lag',
      '--max-lag-minutes',
      '20',
      '--lag-grace-seconds',
      '60',
      '--hold-delay-ms',
      '250',
    ]);
    expect(o).toMatchObject({ stopOnLag: false, maxLagMinutes: 20, lagGraceSeconds: 60, holdDelayMs: 250 });
  });

  it('refuses a limit of zero minutes or a grace that is not a whole number, saying what it expects', () => {
    expect(() => parseSimOptions(['--max-lag-minutes', '0'])).toThrow(
      new ValidationError('--max-lag-minutes: expected a whole number from 1 to 1440, got 0'),
    );
    expect(() => parseSimOptions(['--lag-grace-seconds', '2.5'])).toThrow(ValidationError);
  });
});

describe('the listing policies of npm run simulate', () => {
  it('compares least_earning with alphabetical by default, the first alone with --no-compare', () => {
    expect(parseSimOptions([]).listings).toEqual(['least_earning', 'alphabetical']);
    expect(parseSimOptions(['--no-compare']).listings).toEqual(['least_earning']);
  });

  it('runs the policies --listing names, in that order', () => {
    expect(parseSimOptions(['--listing', 'fair_share,least_earning,alphabetical']).listings).toEqual([
      'fair_share',
      'least_earning',
      'alphabetical',
    ]);
    expect(parseSimOptions(['--listing', 'fair_share']).listings).toEqual(['fair_share']);
  });

  it('refuses an unknown or repeated policy, naming the known ones', () => {
    expect(() => parseSimOptions(['--listing', 'fair,random'])).toThrow(
      new ValidationError(
        '--listing: unknown fair, random; expected a comma-separated list of least_earning, fair_share, alphabetical',
      ),
    );
    expect(() => parseSimOptions(['--listing', 'fair_share,fair_share'])).toThrow(ValidationError);
  });
});

describe('the area policy option of npm run simulate (issue 20)', () => {
  it("keeps the setting's default without --area, and runs every policy under the area --area names", () => {
    expect(parseSimOptions([]).area).toBeNull();
    expect(parseSimOptions(['--area', 'city']).area).toBe('city');
    expect(parseSimOptions(['--area', 'kelurahan']).area).toBe('kelurahan');
  });

  it('refuses an unknown area, naming the known ones', () => {
    expect(() => parseSimOptions(['--area', 'kota'])).toThrow(
      new ValidationError('--area: expected kelurahan, kecamatan, city, got kota'),
    );
  });
});

describe('the lapse options of npm run simulate (issue 14)', () => {
  it('has one shop in twenty never deliver and one order in twenty never confirmed paid by default; both can be changed or turned off', () => {
    expect(parseSimOptions([]).lapses).toEqual({ neverDelivers: 0.05, neverPaid: 0.05 });
    expect(parseSimOptions(['--never-delivers', '0.2', '--never-paid', '0']).lapses).toEqual({
      neverDelivers: 0.2,
      neverPaid: 0,
    });
  });

  it('refuses a share outside 0 to 1, or none at all, saying what it expects', () => {
    expect(() => parseSimOptions(['--never-paid', '5'])).toThrow(
      new ValidationError('--never-paid: expected a share from 0 to 1 (0.05 = one in twenty), got 5'),
    );
    expect(() => parseSimOptions(['--never-delivers', 'banyak'])).toThrow(ValidationError);
    expect(() => parseSimOptions(['--never-delivers', ''])).toThrow(ValidationError);
  });
});
