export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** grammY refuses an API root with a trailing slash; people copy URLs with one. */
export function apiRootOf(configured: string | undefined): string {
  return (configured ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
}
