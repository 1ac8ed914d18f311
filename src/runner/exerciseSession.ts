import { resolveSettings } from '../playbook/incidentSettings.ts';
import { playbookIn } from '../playbook/playbookIn.ts';
import type { Irp } from '../api/irp.ts';
import { UserError } from '../errors.ts';
import { settingProblemText } from '../problems/problemText.ts';
import type { ActorInput } from '../api/irp.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { Inject, Scenario } from '../exercise/scenario.ts';
import type { SimulatedClock } from '../exercise/simulatedClock.ts';
import { satisfies } from '../exercise/versionRange.ts';
import { factSchemas } from '../engine/decideCorrection.ts';

/**
 * One exercise incident being run from a scenario: delivers the scenario's injects as the simulated clock passes
 * their times, each recorded at its due time, and lets the facilitator move the clock or fire an inject by hand.
 * Used by the facilitated run and by the automated replay alike.
 */
export class ExerciseSession {
  /** Ids of the injects already delivered, read from the record once and kept up to date. */
  #delivered: Set<string> | undefined;

  private constructor(
    readonly irp: Irp,
    readonly scenario: Scenario,
    readonly clock: SimulatedClock,
    readonly incident: string,
  ) {}

  /** Opens the exercise incident for a scenario, checking that the playbook's version is in the scenario's range. */
  static async open(irp: Irp, scenario: Scenario, clock: SimulatedClock, actor: ActorInput): Promise<ExerciseSession> {
    const playbook = await irp.catalog.load(scenario.playbook.id);
    if (!satisfies(playbook.version, scenario.playbook.version)) {
      throw new UserError({ code: 'scenario-version', file: scenario.file, playbook: scenario.playbook.id, range: scenario.playbook.version, version: playbook.version });
    }
    // `reveals` are shown, not recorded: a fact name the playbook does not have is a mistake in the scenario.
    const facts = factSchemas(playbook);
    for (const inject of scenario.injects) {
      const unknown = Object.keys(inject.reveals ?? {}).filter((fact) => !facts.has(fact));
      if (unknown.length > 0) {
        throw new UserError({ code: 'reveals-unknown-facts', file: scenario.file, inject: inject.title, unknown, playbook: playbook.id, facts: [...facts.keys()] });
      }
    }
    // The scenario's settings are the playbook's, and its clocks are those that run under them.
    const settings = resolveSettings(playbook.settings, scenario.settings);
    const settingWrong = settings.ok ? [] : settings.problems.map((problem) => `settings: ${settingProblemText(problem)}`);
    const runs = playbookIn(playbook, { awareAt: scenario.awareAt, settings: settings.ok ? settings.settings : {} }).clocks;
    // Expectations name decisions, clocks and duties of the playbook: a name it does not have could never be met.
    const wrong = [...settingWrong, ...scenario.expectations.flatMap((e) => {
      if (e.decision !== undefined && !(e.decision in playbook.events) && ![...playbook.machine.events].includes(e.decision)) return [`"${e.id}" expects decision ${e.decision}`];
      if (e.notification !== undefined && !runs.some((c) => c.id === e.notification)) {
        return [`"${e.id}" expects a report to clock ${e.notification}${playbook.clocks.some((c) => c.id === e.notification) ? ' (not run under the scenario\'s settings)' : ''}`];
      }
      if (e.duty !== undefined && !playbook.duties.some((d) => d.id === e.duty?.id)) return [`"${e.id}" expects duty ${e.duty.id}`];
      return [];
    })];
    if (wrong.length > 0) throw new UserError({ code: 'scenario-not-for-playbook', file: scenario.file, mismatches: wrong, playbook: playbook.id, version: playbook.version });
    const { view } = await irp.start({
      playbook: scenario.playbook.id,
      title: `${scenario.title} (exercise)`,
      awareAt: scenario.awareAt,
      settings: scenario.settings,
      actor,
      scenario: { id: scenario.id, title: scenario.title, file: scenario.file, sourceHash: scenario.sourceHash, startAt: scenario.startAt.toISOString() },
    });
    return new ExerciseSession(irp, scenario, clock, view.id);
  }

  /** Picks up an exercise incident recorded earlier, its clock at the last recorded moment. */
  static resume(irp: Irp, scenario: Scenario, clock: SimulatedClock, incident: string): ExerciseSession {
    return new ExerciseSession(irp, scenario, clock, incident);
  }

  dueAt(inject: Inject): Date {
    return new Date(this.scenario.startAt.getTime() + inject.offsetMs);
  }

  /** Scheduled injects not yet delivered, in order. */
  async pending(): Promise<Inject[]> {
    this.#delivered ??= new Set(
      (await this.irp.log(this.incident)).flatMap((event) => (event.kind === 'exercise.inject' ? [event.data.id] : [])),
    );
    const delivered = this.#delivered;
    return this.scenario.injects.filter((inject) => !delivered.has(inject.id));
  }

  /**
   * Moves the clock to `target` (never back), delivering every scheduled inject that falls due on the way at its
   * own time, so that timers and injects are recorded in the order they happened.
   */
  async advanceTo(target: Date): Promise<RecordedEvent[]> {
    const delivered: RecordedEvent[] = [];
    for (const inject of await this.pending()) {
      const due = this.dueAt(inject);
      if (due.getTime() > Math.max(target.getTime(), this.clock.now().getTime())) break;
      this.clock.advanceTo(due);
      const { recorded } = await this.irp.inject(this.incident, inject, due);
      this.#delivered?.add(inject.id);
      delivered.push(...recorded);
    }
    this.clock.advanceTo(target);
    return delivered;
  }

  /** Delivers whatever has fallen due by now (the clock may have run on in real time). */
  async deliverDue(): Promise<RecordedEvent[]> {
    return this.advanceTo(this.clock.now());
  }

  /** Fires an inject now, out of schedule (a scheduled one early, or one the facilitator writes). */
  async fireByHand(inject: Pick<Inject, 'id' | 'title' | 'body' | 'from' | 'reveals'>): Promise<RecordedEvent[]> {
    const { recorded } = await this.irp.inject(this.incident, { ...inject, manual: true }, this.clock.now());
    this.#delivered?.add(inject.id);
    return recorded;
  }
}
