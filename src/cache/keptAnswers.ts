import { THIS_BUILD } from './cacheKey.ts';
import { readSignedText, writeSignedText } from './signedText.ts';

/**
 * What a playbook's functions answered, kept between runs for one compiled code (`<cache>/answers-<code hash>.json`).
 * A playbook's functions answer from their arguments alone (a replay gives the same incident every time only if they
 * do), so `irp status` asked twice of an unchanged incident need not start the sandbox to ask them again. It is a
 * cache: an HMAC made with the user's key over this build, the code's hash and the text binds it to both, and an
 * entry that does not match is ignored. Only answers are kept, never failures.
 */
export interface KeptAnswers {
  /** The answers kept, question (the call's arguments as JSON) to answer (JSON), least recently used first. */
  read(): Map<string, string>;
  /** Keeps these answers for the next run, least recently used first: the most recent, within the file's bounds. */
  write(answers: ReadonlyMap<string, string>): void;
}

/**
 * The answers used most recently are kept, up to this much text in all: a status asks a few dozen questions (some
 * 10 KB), and the file is read by every command that shows an incident. At 1 MB (what replaying a record of 10,000
 * entries asks fills) reading, checking and parsing it cost irp status 15 ms; at 64 KB, under one.
 */
const MOST_TEXT = 64 * 1024;
/** …and no question or answer longer than this (a context holding a supplier's whole register). */
const LONGEST = 16 * 1024;

export function keptAnswersFile(file: string, codeHash: string): KeptAnswers {
  return {
    read() {
      const answers = readSignedText(file, 'answers', THIS_BUILD, 'answers', codeHash);
      try {
        const entries = answers === undefined ? [] : (JSON.parse(answers) as unknown);
        if (!Array.isArray(entries)) return new Map();
        return new Map(entries.filter((entry): entry is [string, string] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string'));
      } catch {
        return new Map(); // unreadable: asked again
      }
    },
    write(answers) {
      const entries: Array<[string, string]> = [];
      let size = 0;
      for (const [question, answer] of [...answers].reverse()) {
        if (question.length > LONGEST || answer.length > LONGEST) continue;
        size += question.length + answer.length;
        if (size > MOST_TEXT) break;
        entries.push([question, answer]);
      }
      writeSignedText(file, 'answers', JSON.stringify(entries.reverse()), THIS_BUILD, 'answers', codeHash);
    },
  };
}
