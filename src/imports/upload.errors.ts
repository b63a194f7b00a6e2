import { DomainError } from '../shared/errors.js';

/** The dry run is too old to confirm (or unknown): the admin uploads the file again. */
export class UploadExpiredError extends DomainError {
  readonly code = 'upload_expired';
}

/** What would be applied is no longer what the dry run showed (another hash, or the data moved meanwhile). */
export class UploadChangedError extends DomainError {
  readonly code = 'upload_changed';
}
