import { appliesUnder, clockAsOf, namesAsOf } from '../clocks/clockSpec.ts';
import { fillWords, wordsOf, type IncidentSettings } from './incidentSettings.ts';
import type { LoadedPlaybook } from './loadedPlaybook.ts';
import type { Step } from './stepMeta.ts';

/** The forms of each playbook already made, by what they were made for: the same object each time. */
const forms = new WeakMap<LoadedPlaybook, Map<string, LoadedPlaybook>>();

/**
 * The playbook as an incident runs it: for the settings it was opened with (the nation, the guidance, the law), its
 * steps in their words and only the clocks that apply under them; and with its clocks named as they were when the
 * incident's awareness came (`awareAt`), so that an exercise set in 2022 says what 2022 said (Action Fraud, now
 * Report Fraud). Settings left out are the defaults, as for a record made before the playbook had them. The same
 * object for the same form, so that what is kept per playbook (derived incidents, answers of its functions) is kept once.
 */
export function playbookIn(playbook: LoadedPlaybook, at: { awareAt: Date; settings?: IncidentSettings | undefined }): LoadedPlaybook {
  // A recorded choice the playbook no longer offers (a later version dropped it, or the record was made elsewhere)
  // reads as the default, so that no step is left with an unfilled word and no clock is lost to a choice no clock knows.
  const known = Object.entries(at.settings ?? {}).filter(([setting, choice]) => playbook.settings[setting]?.choices[choice] !== undefined);
  const chosen = { ...playbook.chosen, ...Object.fromEntries(known) };
  const dated = playbook.clocks.flatMap((clock) => {
    const names = namesAsOf(clock, at.awareAt);
    return names ? [`${clock.id}<${names.until}`] : [];
  });
  const key = `${JSON.stringify(Object.entries(chosen).sort())} ${dated.join(' ')}`;
  const made = forms.get(playbook) ?? new Map<string, LoadedPlaybook>();
  forms.set(playbook, made);
  const form = made.get(key) ?? formOf(playbook, chosen, at.awareAt);
  made.set(key, form);
  return form;
}

function formOf(playbook: LoadedPlaybook, chosen: IncidentSettings, awareAt: Date): LoadedPlaybook {
  const ruledOut = playbook.clocks.filter((clock) => !appliesUnder(clock, chosen));
  const clocks = playbook.clocks.filter((clock) => appliesUnder(clock, chosen)).map((clock) => clockAsOf(clock, awareAt));
  const own = new Set(playbook.clocks.map((clock) => clock.id));
  const dutyClocks = playbook.indexedClocks.filter((clock) => !own.has(clock.id));
  const clocksNotRun = { ...playbook.clocksNotRun };
  for (const clock of ruledOut) if (clock.notRunBecause) clocksNotRun[`${clock.label} (${clock.source.law.split(':')[0]})`] = clock.notRunBecause;
  return {
    ...playbook,
    ...fillTemplates(playbook.templates, wordsOf(playbook.settings, chosen)),
    chosen,
    formed: true,
    clocks,
    indexedClocks: [...clocks, ...dutyClocks],
    clocksNotRun,
  };
}

/** The steps and phase titles with each `{word}` filled in. */
export function fillTemplates(templates: LoadedPlaybook['templates'], words: Readonly<Record<string, string>>): { steps: Map<string, Step>; phases: Map<string, string> } {
  const fill = (text: string) => fillWords(text, words);
  return {
    steps: new Map(
      [...templates.steps].map(([path, step]) => [
        path,
        {
          ...step,
          title: fill(step.title),
          instructions: fill(step.instructions),
          checklist: step.checklist.map((item) => ({ ...item, text: fill(item.text) })),
          record: step.record.map((fact) => ({ ...fact, label: fill(fact.label) })),
        },
      ]),
    ),
    phases: new Map([...templates.phases].map(([path, title]) => [path, fill(title)])),
  };
}
