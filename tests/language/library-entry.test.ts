import { describe, expect, it } from 'vitest';
import * as peken from '../../src/index.js';

describe('library entry (src/index.ts)', () => {
  it('exports the reply and posting parsers, working', () => {
    expect(peken.parseReply('nggih', 'yes_no')).toEqual({ kind: 'yes' });
    expect(peken.parsePosting('beras 5kg 65rb').items[0]).toMatchObject({ name: 'beras', price: 65_000 });
    expect(peken.formatRupiah(65_000)).toBe('Rp 65.000');
  });
});
