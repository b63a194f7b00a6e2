export type AreaPolicy = 'kelurahan' | 'kecamatan' | 'city';

/** Where a buyer shops: the KTP domicile, or the office area for those who live outside the city. */
export function homeKelurahan(buyer: { domicile_kelurahan: string | null; office_kelurahan: string }): string {
  return buyer.domicile_kelurahan ?? buyer.office_kelurahan;
}

/** `35.78.07.1003` → `35.78.07`: kelurahan codes start with their kecamatan's code. */
export function kecamatanOf(kelurahanCode: string): string {
  return kelurahanCode.slice(0, 8);
}

export function inArea(
  policy: AreaPolicy,
  buyer: { domicile_kelurahan: string | null; office_kelurahan: string },
  shopKelurahan: string,
): boolean {
  const home = homeKelurahan(buyer);
  switch (policy) {
    case 'city':
      return true;
    case 'kecamatan':
      return kecamatanOf(home) === kecamatanOf(shopKelurahan);
    case 'kelurahan':
      return home === shopKelurahan;
  }
}
