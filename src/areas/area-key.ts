/** Compares area names the way people write them: case, spaces and punctuation do not matter. */
export function areaKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}
