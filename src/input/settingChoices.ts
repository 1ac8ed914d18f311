import { invalidInput } from '../errors.ts';

/**
 * Choices of a playbook's settings as given on the command line or in the environment: `--set nation=scotland
 * --set law=bill`, or `IRP_SET="nation=scotland law=bill"` (a site's standing choice, such as the Bill's clocks).
 * Whether each is a setting the playbook has is checked when the incident is opened.
 */
export function settingChoices(raw: unknown, where: string): Record<string, string> {
  const items = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((item) => String(item).split(/[\s,]+/)).filter((item) => item !== '');
  const choices: Record<string, string> = {};
  for (const item of items) {
    const match = /^([a-z0-9][a-z0-9-]*)=([a-z0-9][a-z0-9-]*)$/.exec(item);
    if (!match) throw invalidInput(where, 'not-a-setting', `${where} "${item}" is not setting=choice, such as nation=scotland.`);
    choices[match[1] as string] = match[2] as string;
  }
  return choices;
}
