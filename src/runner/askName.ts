import type { RunnerIo } from './runnerIo.ts';

/**
 * A person's name, as every entry will carry it: checked to look like a name, and a name of one or two letters
 * ("x", "SP") confirmed rather than assumed, since investigators will read it as who did what.
 */
export async function askName(io: RunnerIo, key: string, message: string, remembered?: string): Promise<string> {
  for (;;) {
    const name = (await io.prompter.input({ key, message, ...(remembered ? { default: remembered } : {}), validate: nameCheck })).trim();
    if (name.replace(/[^\p{L}]/gu, '').length > 2) return name;
    const sure = await io.prompter.input({
      key: `confirm.${key}`,
      message: `Record "${name}" as the name? Investigators will read it as who did what. Type yes or no`,
      validate: (typed) => (/^(yes|no)$/i.test(typed.trim()) ? true : 'type yes or no in full'),
    });
    if (/^yes$/i.test(sure.trim())) return name;
  }
}

/** A person's name as typed: not empty, not a pasted paragraph or command line. */
export function nameCheck(typed: string): true | string {
  const name = typed.trim();
  if (!name) return 'type their name';
  if (name.length > 80) return 'a name is at most 80 characters';
  if (/[<>|;&$`\\{}[\]=]/.test(name)) return 'that does not look like a name (it has characters such as ; | $ or =)';
  return true;
}
