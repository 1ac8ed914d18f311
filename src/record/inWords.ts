/** A recorded value as people read it: yes/no, a list joined with commas, text as written. */
export function inWords(value: unknown): string {
  if (value === undefined || value === null) return 'not recorded';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(inWords).join(', ');
  return JSON.stringify(value);
}
