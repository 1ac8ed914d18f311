import { readFileSync } from 'node:fs';
import { cacheMac, cacheMacMatches, THIS_BUILD } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/**
 * What was worked out about each incident, kept between runs and keyed by the record's fingerprint, so that
 * commands over every incident (`irp list`, `irp deadlines`) replay only the records that changed. It is a cache:
 * an entry whose fingerprint no longer matches is ignored, and deleting the file loses nothing.
 */
export interface SummaryIndex<T> {
  get(incident: string, fingerprint: string): T | undefined;
  set(incident: string, fingerprint: string, value: T): void;
  /** Keeps what was set, for the next run. */
  save(): void;
}

/**
 * The index as one JSON file (`<state>/.cache/summaries-3.json`; named anew when what it keeps changes shape), read once and written once per run, whole, with an
 * HMAC made with the user's cache key (see `cacheKey.ts`): an index written by hand is ignored.
 */
type Entries<T> = Record<string, { fingerprint: string; value: T }>;

export class FileSummaryIndex<T> implements SummaryIndex<T> {
  #entries: Entries<T> | undefined;
  #changed = false;

  /** `build`: which irp's summaries are used (see THIS_BUILD); another's are ignored. */
  constructor(
    readonly file: string,
    readonly build: string = THIS_BUILD,
  ) {}

  get(incident: string, fingerprint: string): T | undefined {
    const entry = this.#load()[incident];
    return entry?.fingerprint === fingerprint ? entry.value : undefined;
  }

  set(incident: string, fingerprint: string, value: T): void {
    this.#load()[incident] = { fingerprint, value };
    this.#changed = true;
  }

  save(): void {
    if (!this.#changed || !this.#entries) return;
    const text = JSON.stringify(this.#entries);
    const mac = cacheMac('summary-index', this.build, text);
    if (mac !== undefined) writeCacheFile(this.file, `{"entries":${text},"mac":"${mac}"}`);
    this.#changed = false;
  }

  #load(): Entries<T> {
    if (this.#entries) return this.#entries;
    try {
      const { entries, mac } = JSON.parse(readFileSync(this.file, 'utf8')) as { entries?: unknown; mac?: unknown };
      const text = JSON.stringify(entries);
      this.#entries = typeof text === 'string' && cacheMacMatches(mac, 'summary-index', this.build, text) ? (entries as Entries<T>) : {};
    } catch {
      this.#entries = {};
    }
    return this.#entries;
  }
}
