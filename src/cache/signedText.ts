import { readFileSync } from 'node:fs';
import { cacheMac, cacheMacMatches } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/**
 * A cache file holding one JSON text under an HMAC, `{"mac":"…","<field>":<text>}`: the checkpoints, the answers of
 * playbooks' functions, London's offsets. The MAC is made with the user's cache key over `parts` and the text, and
 * checked over the text's bytes as written; the caller then parses it once (a supplier's register makes a
 * checkpoint of a megabyte, which is not written out again to be checked). `field` is a plain word of irp's own.
 */
export function readSignedText(file: string, field: string, ...parts: string[]): string | undefined {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch {
    return undefined; // missing or unreadable
  }
  const match = new RegExp(`^\\{"mac":"([0-9a-f]+)","${field}":`).exec(content);
  if (!match || !content.endsWith('}')) return undefined;
  const text = content.slice(match[0].length, -1);
  return cacheMacMatches(match[1], ...parts, text) ? text : undefined;
}

/** Writes `text` as readSignedText reads it; nothing without a cache key (then nothing is cached). */
export function writeSignedText(file: string, field: string, text: string, ...parts: string[]): void {
  const mac = cacheMac(...parts, text);
  if (mac !== undefined) writeCacheFile(file, `{"mac":"${mac}","${field}":${text}}`);
}
