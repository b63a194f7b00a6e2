export interface KecamatanTable {
  code: string;
  name: string;
}
export interface KelurahanTable {
  code: string;
  kecamatan_code: string;
  name: string;
}
export interface KelurahanAliasTable {
  name_key: string;
  kelurahan_code: string;
}
