import { createHash } from 'node:crypto';
import { Irp } from '../../api/irp.ts';
import { MemoryIncidentStore } from '../../store/memoryIncidentStore.ts';
import { UserError, invalidInput } from '../../errors.ts';
import { afterActionOf } from '../../assurance/afterActionOf.ts';
import { compareRuns } from '../../assurance/compareRuns.ts';
import { renderComparison } from '../../assurance/renderAssurance.ts';
import type { AfterActionReport } from '../../exercise/afterAction.ts';
import { facilitatorExtension } from '../../runner/facilitator.ts';
import { ExerciseSession } from '../../runner/exerciseSession.ts';
import { findScenario, scenarioReference } from '../../exercise/findScenario.ts';
import { replayExercise } from '../../runner/replayExercise.ts';
import { readScenario, type Scenario } from '../../exercise/scenario.ts';
import { SimulatedClock } from '../../exercise/simulatedClock.ts';
import { afterActionHtml } from '../../render/afterActionHtml.ts';
import { afterActionMarkdown } from '../../render/afterActionMarkdown.ts';
import { afterActionDocument } from '../../render/reportDocument.ts';
import { reportDocx } from '../../render/reportDocx.ts';
import { reportPdf } from '../../render/reportPdf.ts';
import { readAnswersFile } from '../../runner/answersFile.ts';
import { runIncident } from '../../runner/runIncident.ts';
import type { CliContext } from '../context.ts';
import { recordEnd } from '../../record/recordEnd.ts';
import { writeOutput } from '../writeOutput.ts';
import { playbookGraph } from '../../diagram/playbookGraph.ts';
import { playbookSvg } from '../../diagram/svg.ts';
import { pathTaken } from '../../engine/pathTaken.ts';
import { interactively, requireTerminal, terminalIo } from './run.ts';
import { declareCommand, flag, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function loadScenario(context: CliContext, wanted: string): Scenario {
  const file = findScenario(context.playbooksDir, wanted);
  return readScenario(file, sha256, scenarioReference(context.playbooksDir, file));
}

/** `irp exercise run <scenario>`: a facilitated exercise in the runner, on a simulated clock. */
const exerciseRun = declareCommand({
  words: ['exercise', 'run'],
  description: 'run a scenario with the team in the runner: injects appear as the simulated clock passes them',
  arguments: [argument('scenario', 'scenario id (playbooks/<id>.scenario.yaml) or file')],
  options: { resume: value('incident', 'carry on an exercise run earlier, from its last recorded moment') },
  async run(context, [wanted], options) {
    const scenario = loadScenario(context, wanted);
    requireTerminal(context, context.command(`exercise run ${wanted}`));
    const resume = options.resume;
    const clock = new SimulatedClock(scenario.startAt, context.clock); // runs at the speed of the CLI's clock once started
    const irp = context.exerciseIrp({ exerciseClock: clock });
    clock.pause(); // the facilitator starts the clock when the team is ready
    let exercise: ExerciseSession;
    if (resume) {
      const { view } = await context.irp.status(resume);
      if (!view.exercise) throw invalidInput('--resume', 'not-an-exercise', `Incident ${resume} is not an exercise.`);
      const last = recordEnd(view.events, { from: scenario.startAt.getTime() });
      clock.advanceTo(new Date(last));
      exercise = ExerciseSession.resume(irp, scenario, clock, resume);
    } else {
      exercise = await ExerciseSession.open(irp, scenario, clock, exerciseActor(context, scenario));
    }
    const base = terminalIo({ ...context, clock });
    const io = { ...base, extension: facilitatorExtension(exercise, base.prompter) };
    context.out(`Exercise ${exercise.incident}\n${scenario.title}`);
    context.out('The exercise clock is paused: start or move it from the Exercise entries.');
    await interactively(context, `exercise run ${scenario.id} --resume ${exercise.incident}`, () => runIncident(irp, exercise.incident, io, { actor: exerciseActor(context, scenario) }));
    context.out(`Report: ${context.command(`exercise report ${exercise.incident} --format html --out report.html`)}`);
  },
});

/** `irp exercise replay <scenario> [--answers file]`: the whole scenario with scripted decisions, no terminal. */
const exerciseReplay = declareCommand({
  words: ['exercise', 'replay'],
  description: 'run a scenario start to end with scripted decisions, no terminal needed; prints the report',
  arguments: [argument('scenario', 'scenario id (playbooks/<id>.scenario.yaml) or file')],
  options: { answers: value('file', 'the decisions, each at an offset from the start (at: +45m)'), json: jsonOutput },
  async run(context, [wanted], options) {
    const scenario = loadScenario(context, wanted);
    const answers = options.answers === undefined ? undefined : readAnswersFile(options.answers);
    const clock = new SimulatedClock(scenario.startAt);
    // The same scenario and answers give the same id, so that two replays are identical byte for byte.
    const seed = sha256(`${scenario.sourceHash}\n${answers ? JSON.stringify(answers.entries) : ''}`).slice(0, 6);
    const taken = await context.store.list();
    let attempt = 1;
    const newSuffix = () => {
      let suffix = seed;
      while (taken.some((id) => id.endsWith(`-${suffix}`))) suffix = `${seed}-${++attempt}`;
      return suffix;
    };
    // The replay runs in memory and the record is written once, whole, when it has run to the end: a replay that
    // stops on a bad answer leaves nothing behind. The handle keeps the incident derived as it goes.
    const memory = new MemoryIncidentStore();
    const irp = new Irp({ store: memory, catalog: context.catalog, clock: context.clock, exerciseClock: clock, newSuffix });
    const incident = await replayExercise({ irp, scenario, answers, clock, print: context.json ? () => undefined : (text) => context.out(text) });
    await context.irp.importRecord((await memory.read(incident)) ?? []);
    const report = await reportFor(context, incident, scenario);
    if (context.json) {
      context.out(JSON.stringify({ incident, report }, null, 2));
      return;
    }
    context.out(`\nReplayed ${scenario.id} as exercise ${incident}.`);
    context.out(afterActionMarkdown(report));
  },
});

/** `irp exercise report <incident>`: the after-action report, as Markdown, self-contained HTML, Word, PDF or JSON. */
const exerciseReport = declareCommand({
  words: ['exercise', 'report'],
  description: 'the after-action report of an exercise (or of any incident)',
  arguments: [incidentArgument],
  options: {
    format: value('format', 'output format (docx and pdf need --out)', { choices: ['md', 'html', 'docx', 'pdf', 'json'], default: 'md' }),
    out: value('file', 'write the report to a file (never inside the state folder)'),
    force: flag('replace the --out file if it exists'),
    scenario: value('file', 'score against this scenario (default: the one the exercise ran)'),
  },
  async run(context, [incident], options) {
    const format = options.format ?? 'md';
    if ((format === 'docx' || format === 'pdf') && options.out === undefined) {
      throw invalidInput('--out', 'needed-for-format', `--format ${format} is a file: give it with --out report.${format}.`);
    }
    const report = await afterActionFor(context, incident, options.scenario);
    const text =
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'html'
          ? afterActionHtml(report, { diagram: await diagramOf(context, incident) })
          : format === 'docx'
            ? await reportDocx(afterActionDocument(report))
            : format === 'pdf'
              ? await reportPdf(afterActionDocument(report), context.clock.now())
              : afterActionMarkdown(report);
    if (options.out !== undefined) {
      const written = writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true });
      context.out(`Wrote ${written}`);
    } else {
      context.out(text as string);
    }
  },
});

/**
 * The after-action report of an incident: scored against `scenarioFile`, or the scenario the exercise ran (its file
 * read again; when it cannot be, the report leaves its expectations out and says so).
 */
export async function afterActionFor(context: CliContext, incident: string, scenarioFile: string | undefined): Promise<AfterActionReport> {
  const { view } = await context.irp.status(incident);
  const recorded = view.events[0]?.kind === 'incident.opened' ? view.events[0].data.scenario : undefined;
  let scenario: Scenario | undefined;
  let changed = false;
  if (scenarioFile || recorded) {
    try {
      scenario = loadScenario(context, scenarioFile ?? (recorded?.file as string));
      changed = recorded !== undefined && scenario.sourceHash !== recorded.sourceHash;
    } catch (error) {
      if (scenarioFile || !(error instanceof UserError)) throw error;
      context.warn(`irp: ${error.message} The report leaves out the scenario's expectations; pass --scenario <file>.`);
    }
  }
  return reportFor(context, incident, scenario, changed);
}

/** The incident's playbook drawn with the path it took, for the HTML report. */
export async function diagramOf(context: CliContext, incident: string): Promise<string> {
  const { view, playbook } = await context.irp.status(incident);
  return playbookSvg(playbookGraph(playbook), pathTaken(playbook, view.events));
}

async function reportFor(context: CliContext, incident: string, scenario: Scenario | undefined, scenarioChanged = false) {
  return afterActionOf(context.irp, incident, { scenario, scenarioChanged, now: context.clock.now() });
}

/**
 * Who records in a facilitated exercise: the person at the keyboard (--actor, IRP_ACTOR or the remembered name),
 * in the scenario's lead role unless they gave their own; the scenario's first participant only when irp knows no
 * one better than the login name.
 */
function exerciseActor(context: CliContext, scenario: Scenario): { name: string; role: string } {
  const lead = scenario.participants[0] as { name: string; role: string };
  if (context.actorFrom === 'login') return { ...lead };
  return { name: context.actor.name, role: context.actor.role ?? lead.role };
}

/** `irp exercise compare <a> <b>`: two runs of the same scenario side by side. */
const exerciseCompare = declareCommand({
  words: ['exercise', 'compare'],
  description: 'two runs of the same scenario side by side: what changed in timings, decisions and scores',
  arguments: [argument('a', 'the earlier run (an exercise incident id)'), argument('b', 'the later run')],
  options: { json: jsonOutput },
  async run(context, [a, b]) {
    const reports = [];
    for (const incident of [a, b]) {
      const { view } = await context.irp.status(incident);
      const recorded = view.events[0]?.kind === 'incident.opened' ? view.events[0].data.scenario : undefined;
      const scenario = recorded ? loadScenario(context, recorded.file) : undefined;
      reports.push(await reportFor(context, incident, scenario, scenario !== undefined && scenario.sourceHash !== recorded?.sourceHash));
    }
    const comparison = compareRuns(reports[0] as AfterActionReport, reports[1] as AfterActionReport);
    if (context.json) return context.out(JSON.stringify(comparison, null, 2));
    context.out(renderComparison(comparison));
  },
});

export default [exerciseRun, exerciseReplay, exerciseReport, exerciseCompare];
