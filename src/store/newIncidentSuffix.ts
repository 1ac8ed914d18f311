import { randomBytes } from 'node:crypto';

/** Crockford's base 32: digits and lower-case letters without i, l, o and u, so that no two look alike when read out. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * The random part of a new incident id: 64 random bits as 13 characters in three groups (`7k3q-9fa2-x1b0m`), so
 * that incidents opened offline on the same day by different people do not collide (two bytes did), and the id
 * can still be read over a phone line.
 */
export function newIncidentSuffix(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let text = '';
  for (let i = 0; i < 13; i += 1) {
    text = (ALPHABET[Number(bits & 31n)] as string) + text;
    bits >>= 5n;
  }
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}
