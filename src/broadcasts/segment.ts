import { z } from 'zod';

/** Who a broadcast goes to. Every segment counts only active ASN and active (verified) shops. */
export const segmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('asn_below_quota') }),
  z.object({ kind: z.literal('asn_agency'), agencyId: z.number().int().positive() }),
  z.object({
    kind: z.literal('asn_kecamatan'),
    kecamatan: z.string().regex(/^35\.78\.\d{2}$/, 'expected a kecamatan code like 35.78.07'),
  }),
  z.object({ kind: z.literal('shops_all') }),
  z.object({
    kind: z.literal('shops_kecamatan'),
    kecamatan: z.string().regex(/^35\.78\.\d{2}$/, 'expected a kecamatan code like 35.78.07'),
  }),
  z.object({ kind: z.literal('shops_near_cap') }),
  z.object({ kind: z.literal('asn_near_idle_shops') }),
  z.object({ kind: z.literal('everyone') }),
]);
export type Segment = z.infer<typeof segmentSchema>;
export type SegmentKind = Segment['kind'];
export const SEGMENT_KINDS: readonly SegmentKind[] = [
  'asn_below_quota',
  'asn_agency',
  'asn_kecamatan',
  'shops_all',
  'shops_kecamatan',
  'shops_near_cap',
  'asn_near_idle_shops',
  'everyone',
];

/**
 * Which template variables a segment's people have. `asn_idle`: ASN with the shops near them that no order
 * reached this month (issue 20), which their message names.
 */
export type AudienceKind = 'asn' | 'asn_idle' | 'shop' | 'everyone';

export function audienceOf(s: Segment): AudienceKind {
  switch (s.kind) {
    case 'asn_below_quota':
    case 'asn_agency':
    case 'asn_kecamatan':
      return 'asn';
    case 'asn_near_idle_shops':
      return 'asn_idle';
    case 'shops_all':
    case 'shops_kecamatan':
    case 'shops_near_cap':
      return 'shop';
    case 'everyone':
      return 'everyone';
  }
}

export const SEGMENT_LABELS: Readonly<Record<SegmentKind, string>> = {
  asn_below_quota: 'ASN di bawah kuota bulan ini',
  asn_agency: 'ASN satu OPD',
  asn_kecamatan: 'ASN di satu kecamatan',
  shops_all: 'semua toko aktif',
  shops_kecamatan: 'toko di satu kecamatan',
  shops_near_cap: 'toko dekat batas (≥ 80%)',
  asn_near_idle_shops: 'ASN dekat toko yang belum ada pesanan bulan ini',
  everyone: 'semua (ASN dan toko)',
};

export function describeSegment(s: Segment): string {
  const label = SEGMENT_LABELS[s.kind];
  if (s.kind === 'asn_agency') return `${label} #${s.agencyId}`;
  if (s.kind === 'asn_kecamatan' || s.kind === 'shops_kecamatan') return `${label} ${s.kecamatan}`;
  return label;
}
