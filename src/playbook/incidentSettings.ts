import { z } from 'zod';
import type { SettingProblem } from '../problems/problem.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens');
const wordName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'use a name such as nisAuthority');
const text = () => z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') }).min(1, 'must not be empty');

/**
 * A choice made once, when an incident is opened, from which the playbook's authorities, routes and clocks follow:
 * the nation the services are in, the guidance the organisation is assessed against, the law the clocks follow.
 * Each choice may give `words` that the steps' texts use as `{name}` ("report to {nisAuthority}"); every choice of a
 * setting gives the same words. The first choice is the default, and the one an incident recorded before the
 * setting existed is read with.
 */
export const settingSpecSchema = z
  .strictObject({
    question: text(),
    choices: z.record(id, z.strictObject({ label: text(), words: z.record(wordName, text()).default({}) })),
    /**
     * A site's standing choice (the law its clocks follow) rather than a commander's: the runner does not ask it; it
     * is the first choice unless the site sets it (`IRP_SET`) or an incident is opened with `--set`.
     */
    site: z.boolean().default(false),
    /** Asked only when earlier settings have these choices (the DSPT only in England): `{ nation: ['england'] }`. */
    askedWhen: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
  })
  .superRefine((setting, context) => {
    const choices = Object.entries(setting.choices);
    if (choices.length === 0) context.addIssue({ code: 'custom', path: ['choices'], message: 'give at least one choice' });
    const words = (choice: (typeof choices)[number] | undefined) => Object.keys(choice?.[1].words ?? {}).sort().join(', ');
    for (const choice of choices.slice(1)) {
      if (words(choice) !== words(choices[0])) {
        context.addIssue({ code: 'custom', path: ['choices', choice[0], 'words'], message: `give the same words as the first choice (${words(choices[0]) || 'none'})` });
      }
    }
  });

export type SettingSpec = z.output<typeof settingSpecSchema>;
export type SettingSpecInput = z.input<typeof settingSpecSchema>;
/** The choice made for each setting of a playbook, by setting id: `{ nation: 'scotland' }`. */
export type IncidentSettings = Readonly<Record<string, string>>;

/** Each setting's default (its first choice). */
export function defaultSettings(specs: Readonly<Record<string, SettingSpec>>): Record<string, string> {
  return Object.fromEntries(Object.entries(specs).flatMap(([setting, spec]) => Object.keys(spec.choices).slice(0, 1).map((choice) => [setting, choice])));
}

export type { SettingProblem } from '../problems/problem.ts';

/**
 * The settings an incident is opened with: the given choices over the defaults, or the problems with them (a setting
 * the playbook does not have, a choice it does not offer), every one at once.
 */
export function resolveSettings(specs: Readonly<Record<string, SettingSpec>>, given: Readonly<Record<string, string>>): { ok: true; settings: Record<string, string> } | { ok: false; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  for (const [setting, choice] of Object.entries(given)) {
    const spec = specs[setting];
    if (!spec) problems.push({ code: 'unknown-setting', setting, known: Object.keys(specs) });
    else if (!(choice in spec.choices)) problems.push({ code: 'unknown-choice', setting, choice, known: Object.keys(spec.choices) });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: { ...defaultSettings(specs), ...given } };
}

/** Whether a setting is asked, given the choices made so far (see `askedWhen`). */
export function isAsked(spec: SettingSpec, chosen: Readonly<Record<string, string>>): boolean {
  return !spec.site && Object.keys(spec.choices).length > 1 && Object.entries(spec.askedWhen ?? {}).every(([setting, choices]) => choices.includes(chosen[setting] ?? ''));
}

/** The words the chosen settings give, by name. */
export function wordsOf(specs: Readonly<Record<string, SettingSpec>>, settings: IncidentSettings): Record<string, string> {
  return Object.assign({}, ...Object.entries(specs).map(([setting, spec]) => spec.choices[settings[setting] ?? '']?.words ?? {}));
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The `{name}` placeholders a text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

/** The text with each `{name}` replaced by its word (a name with no word is left as it is). */
export function fillWords(text: string, words: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => words[name] ?? whole);
}

/** The settings for people: "Nation: Scotland; Law: the law in force". */
export function describeSettings(specs: Readonly<Record<string, SettingSpec>>, settings: IncidentSettings): Array<{ setting: string; question: string; choice: string; label: string }> {
  return Object.entries(specs).map(([setting, spec]) => {
    const choice = settings[setting] ?? Object.keys(spec.choices)[0] ?? '';
    return { setting, question: spec.question, choice, label: spec.choices[choice]?.label ?? choice };
  });
}
