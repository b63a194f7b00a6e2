/** A parsed upload waiting for its confirmation (src/imports/upload.service.ts). */
export interface ImportUploadTable {
  /** Random, unguessable: the confirmation names it. */
  id: string;
  kind: 'roster' | 'shops';
  actor: string;
  file_name: string;
  /** Hash of the checked records and of the plan the dry run showed. */
  sha256: string;
  /** The checked records, JSON. */
  records: string;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
}
