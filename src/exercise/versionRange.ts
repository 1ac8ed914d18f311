/** `1.2.3` as numbers; `undefined` when it is not a plain semantic version. */
function parse(version: string): [number, number, number] | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compare(a: [number, number, number], b: [number, number, number]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Whether a range is one this module understands: `*`, `1.2.3`, `^1.2.3`, `~1.2.3`, `>=1.2.3`. */
export function isVersionRange(range: string): boolean {
  const trimmed = range.trim();
  return trimmed === '*' || parse(trimmed.replace(/^(\^|~|>=)/, '')) !== undefined;
}

/** Whether `version` satisfies `range`, with npm's meaning of `^` and `~`. */
export function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  const trimmed = range.trim();
  if (trimmed === '*') return v !== undefined;
  const operator = /^(\^|~|>=)/.exec(trimmed)?.[1] ?? '';
  const base = parse(trimmed.slice(operator.length));
  if (!v || !base) return false;
  if (operator === '') return compare(v, base) === 0;
  if (operator === '>=') return compare(v, base) >= 0;
  if (compare(v, base) < 0) return false;
  if (operator === '~') return v[0] === base[0] && v[1] === base[1];
  // ^: same major (or, below 1.0.0, same minor)
  return base[0] > 0 ? v[0] === base[0] : v[0] === 0 && v[1] === base[1];
}
