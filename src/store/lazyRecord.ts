import type { RecordedEvent } from '../record/recordedEvent.ts';

/**
 * A record whose first `trusted` events are read from their bytes only when someone looks at them: those lines
 * were checked on an earlier read and their bytes still hash the same (see `cache/verifiedPrefix.ts`), so a
 * reader that needs only the end of a long record (`irp status`, with a checkpoint) does not parse the rest. It is
 * an ordinary array to every reader: indexing, length, iteration, slicing, JSON. Events after the trusted prefix
 * are the ones the caller parsed and checked.
 */
export function lazyRecord(bytes: Buffer, lineStarts: readonly number[], trusted: number, rest: readonly RecordedEvent[]): RecordedEvent[] {
  const target: RecordedEvent[] = new Array(trusted + rest.length);
  for (let i = 0; i < rest.length; i += 1) target[trusted + i] = rest[i] as RecordedEvent;
  const parse = (index: number): RecordedEvent => {
    const start = lineStarts[index] as number;
    const end = (lineStarts[index + 1] as number) - 1; // without the newline
    const event = JSON.parse(bytes.toString('utf8', start, end)) as RecordedEvent;
    target[index] = event;
    return event;
  };
  return new Proxy(target, {
    get(array, key, receiver) {
      if (typeof key === 'string') {
        const index = toIndex(key);
        if (index !== undefined && index < trusted) return array[index] ?? parse(index);
      }
      return Reflect.get(array, key, receiver);
    },
    has(array, key) {
      if (typeof key === 'string') {
        const index = toIndex(key);
        if (index !== undefined && index < array.length) return true;
      }
      return Reflect.has(array, key);
    },
    ownKeys(array) {
      const indexes = Array.from({ length: array.length }, (_, index) => String(index));
      return [...indexes, ...Reflect.ownKeys(array).filter((key) => typeof key !== 'string' || toIndex(key) === undefined)];
    },
    getOwnPropertyDescriptor(array, key) {
      if (typeof key === 'string') {
        const index = toIndex(key);
        if (index !== undefined && index < trusted) {
          return { value: array[index] ?? parse(index), writable: true, enumerable: true, configurable: true };
        }
      }
      return Reflect.getOwnPropertyDescriptor(array, key);
    },
  });
}

function toIndex(key: string): number | undefined {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return undefined;
  const index = Number(key);
  return Number.isInteger(index) && index >= 0 && String(index) === key ? index : undefined;
}

/** Where each complete line of `bytes` starts, and (as the last entry) where the complete lines end. */
export function lineStartsOf(bytes: Buffer): number[] {
  const starts: number[] = [];
  let start = 0;
  for (let newline = bytes.indexOf(0x0a, start); newline >= 0; newline = bytes.indexOf(0x0a, start)) {
    starts.push(start);
    start = newline + 1;
  }
  starts.push(start);
  return starts;
}
