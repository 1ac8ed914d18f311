import { clockStates } from '../../clocks/clockStatus.ts';
import { scenarioFromRecord } from '../../assurance/scenarioFromRecord.ts';
import { invalidInput } from '../../errors.ts';
import { durationMs } from '../../input/parseTime.ts';
import { recordEnd } from '../../record/recordEnd.ts';
import { writeOutput } from '../writeOutput.ts';
import { createHash } from 'node:crypto';
import { readScenario } from '../../exercise/scenario.ts';
import { readAnswersFile } from '../../runner/answersFile.ts';
import { declareCommand, flag, value, list, incidentArgument } from '../declareCommand.ts';

/**
 * `irp exercise from-record <incident> --out <scenario.yaml> [--answers-out <answers.yaml>]`: next year's
 * exercise from this year's incident (see scenarioFromRecord).
 */
const fromRecord = declareCommand({
  words: ['exercise', 'from-record'],
  description: "next year's exercise from this year's incident: a scenario (and the team's own answers) made from its record",
  arguments: [incidentArgument],
  options: {
    out: value('file', 'the scenario file to write (never inside the state folder)', { required: true }),
    answersOut: value('file', "also write the team's own record as an answers file, to score it against the scenario"),
    target: list('milestone=duration', 'a target for a key decision, as the organisation sets it: --target Contain=2h'),
    withNames: flag('keep the names of the people (left out by default: roles only)'),
    withNotes: flag('keep the internal notes as facilitator notes (left out by default)'),
    force: flag('replace the files if they exist'),
  },
  async run(context, [incident], options) {
    const { view, playbook } = await context.irp.status(incident);
    const targets: Record<string, number> = {};
    for (const given of options.target ?? []) {
      const match = /^(.+?)=(.+)$/.exec(given);
      const milestone = match?.[1]?.trim();
      if (!match || !milestone || !/^(?:\d+\s*[dhm]\s*)+$/i.test((match[2] as string).trim())) throw invalidInput('--target', 'not-a-target', `--target "${given}": write a milestone and a duration, such as --target Contain=2h.`);
      if (!(milestone in playbook.milestones)) throw invalidInput('--target', 'not-a-milestone', `--target "${given}": "${milestone}" is not a milestone of ${playbook.id}. Its milestones: ${Object.keys(playbook.milestones).join(', ')}.`);
      targets[milestone] = durationMs((match[2] as string).trim());
    }
    // The clocks as they stood at the end of the record (an exercise's last moment), or now for a live incident.
    const end = view.exercise ? new Date(recordEnd(view.events, {})) : context.clock.now();
    const made = scenarioFromRecord(playbook, view.events, clockStates(playbook.clocks, view.events, end), {
      targets,
      withNames: options.withNames === true,
      withNotes: options.withNotes === true,
      madeAt: context.clock.now(),
    });
    const force = options.force === true;
    const scenarioFile = writeOutput(options.out, made.scenario, { stateDir: context.stateDir, force });
    // Read back as any scenario is: what irp writes must be what irp reads.
    const scenario = readScenario(scenarioFile, (text) => createHash('sha256').update(text).digest('hex'));
    context.out(`Wrote the scenario ${scenarioFile}: ${scenario.injects.length} injects, ${scenario.expectations.length} expectations.`);
    if (options.answersOut !== undefined) {
      const answersFile = writeOutput(options.answersOut, made.answers, { stateDir: context.stateDir, force });
      context.out(`Wrote the team's own answers ${answersFile}: ${readAnswersFile(answersFile).entries.length} entries.`);
    }
    context.out(`Check it with: irp exercise replay ${options.out}${options.answersOut !== undefined ? ` --answers ${options.answersOut}` : ''}`);
  },
});

export default fromRecord;
