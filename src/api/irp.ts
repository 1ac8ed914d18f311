import { APPEND_ATTEMPTS, backoff } from './backoff.ts';
import { newIncidentSuffix } from '../store/newIncidentSuffix.ts';
import { clockStateAt } from '../clocks/clockStatus.ts';
import type { SummaryIndex } from '../cache/summaryIndex.ts';
import { ConcurrencyError, DamagedRecordError, IncidentExistsError, UserError } from '../errors.ts';
import type { Attribution, DecisionInput, Review } from '../engine/decide.ts';
import { decideCommand, type Command } from '../engine/command.ts';
import { foldEvents, viewOf, type IncidentFold } from '../engine/deriveIncident.ts';
import { forkFold } from '../engine/incidentFold.ts';
import { checkEntry, type EntryCheck, type PlannedEntry } from '../engine/entryCheck.ts';
import { FUTURE_TOLERANCE_MS, refuseUntimely } from '../engine/entryTime.ts';
import { organisationNamed } from '../engine/decideRegister.ts';
import { noticesOf } from '../engine/notices.ts';
import { registerStatus, type RegisterStatus } from '../engine/registerStatus.ts';
import type { AcknowledgementBody, NoticeBody } from '../record/notice.ts';
import { refuseUnfitText } from '../engine/entryText.ts';
import { catchUpTimers } from '../engine/timers.ts';
import { DEFAULT_BACKDATE_MARGIN_MINUTES } from '../record/backdating.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import type { IncidentReport } from '../engine/incidentReport.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { decisionInWords, decisionLog, type DecisionInWords, type DecisionLogEntry } from '../engine/decisionLog.ts';
import type { PlaybookSource } from '../playbook/playbookCatalog.ts';
import { chainEvents, findChainProblem } from '../record/hashChain.ts';
import type { NewEvent, OfflineOrigin, PaperOrigin, RecordedEvent } from '../record/recordedEvent.ts';
import { recordEnd } from '../record/recordEnd.ts';
import { headOf, makeSeal, type RecordHead, type Seal } from '../record/seal.ts';
import type { FoldCheckpoint } from '../engine/foldCheckpoint.ts';
import type { CheckpointCache } from '../cache/checkpointCache.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { fixedClock, type Clock } from '../time/clock.ts';
import { MemoryIncidentStore } from '../store/memoryIncidentStore.ts';
import { londonDateOf } from '../time/london.ts';
import { DerivedIncidents, playbookFor } from './derivedIncidents.ts';
import { playbookIn } from '../playbook/playbookIn.ts';
import { resolveSettings } from '../playbook/incidentSettings.ts';
import { noIncident, readRecord } from './readRecord.ts';
import { offlineCopiesOf } from './offlineCopies.ts';
import { checkClaims } from './claimedActors.ts';
import { reportOf } from './reportOf.ts';
import { verifyRecord, type VerifyResult } from './verifyRecord.ts';

import { stillHolds, summaryEntryOf, type IncidentSummary, type SummaryEntry } from './incidentSummaries.ts';

export type { VerifyResult } from './verifyRecord.ts';
export type { IncidentSummary, SummaryEntry } from './incidentSummaries.ts';

/** Who is acting; the role must be one of the playbook's role ids (the first role when left out). */
export interface ActorInput {
  name: string;
  role?: string | undefined;
}

export interface RecordOptions {
  actor: ActorInput;
  /** When it happened, if earlier than now. */
  at?: Date | undefined;
  note?: string | undefined;
  /** Why it is entered late: needed when `at` is more than the incident's margin before now. */
  reason?: string | undefined;
  /** The entry of an offline copy this re-applies (see `sync/reapplyOffline.ts`). */
  fromOffline?: OfflineOrigin | undefined;
  /** Where on a paper log typed up afterwards it was written (see `executeAll`). */
  fromPaper?: PaperOrigin | undefined;
}

export type { IncidentReport } from '../engine/incidentReport.ts';


/**
 * The operations on incidents, shared by the CLI, the interactive runner and exercises: every one goes through
 * the same path (read the record, derive, decide, append), so all drivers produce records of the same form.
 */
export class Irp {
  readonly #store: IncidentStore;
  readonly #catalog: PlaybookSource;
  readonly #clock: Clock;
  readonly #newSuffix: () => string;
  readonly #summaries: SummaryIndex<SummaryEntry> | undefined;
  readonly #exerciseClock: Clock | undefined;
  readonly #backdateMarginMinutes: number;
  /** The incidents this handle has derived, caught up from each record's tail at each use. */
  readonly #derived: DerivedIncidents;

  constructor(options: {
    store: IncidentStore;
    catalog: PlaybookSource;
    clock: Clock;
    newSuffix?: () => string;
    /** Keeps derived state between runs so that a long record is not replayed from the start every time. */
    checkpoints?: CheckpointCache<FoldCheckpoint>;
    /** Keeps what `list` works out about each incident between runs, so that only records that changed are replayed. */
    summaries?: SummaryIndex<SummaryEntry>;
    /**
     * The simulated clock of the exercise being run. Without it, an exercise's time stands still at its last
     * recorded moment, so that nothing in an exercise is ever stamped with real time.
     */
    exerciseClock?: Clock;
    /**
     * How long after the fact an entry may be made without a reason, for incidents opened through this handle
     * (recorded in the incident, so that every later reader applies the same rule). Default 15 minutes.
     */
    backdateMarginMinutes?: number;
  }) {
    this.#backdateMarginMinutes = options.backdateMarginMinutes ?? DEFAULT_BACKDATE_MARGIN_MINUTES;
    this.#exerciseClock = options.exerciseClock;
    this.#store = options.store;
    this.#derived = new DerivedIncidents(options.store, options.catalog, options.checkpoints);
    this.#summaries = options.summaries;
    this.#catalog = options.catalog;
    this.#clock = options.clock;
    this.#newSuffix = options.newSuffix ?? newIncidentSuffix;
  }

  get catalog(): PlaybookSource {
    return this.#catalog;
  }

  /** Opens an incident under a playbook. Awareness defaults to now; it starts the regulatory clocks. */
  async start(input: {
    playbook: string;
    title: string;
    awareAt?: Date | undefined;
    actor: ActorInput;
    exercise?: boolean;
    scenario?: { id: string; title: string; file: string; sourceHash: string; startAt: string };
    /** The choices of the playbook's settings (nation, guidance, law): the defaults where left out. */
    settings?: Record<string, string> | undefined;
    /**
     * A command recorded with the opening, all or nothing: an incident opened from a supplier's notice is never
     * left without the notice it was opened from.
     */
    then?: CommandInput | undefined;
  }): Promise<IncidentReport> {
    const playbook = await this.#catalog.load(input.playbook);
    const exercise = input.exercise === true || input.scenario !== undefined;
    const now = (exercise ? (this.#exerciseClock ?? this.#clock) : this.#clock).now();
    const awareAt = input.awareAt ?? now;
    if (input.title.trim() === '') throw new UserError({ code: 'no-title' });
    // Awareness may be back-dated without a reason: an earlier awareness only brings every deadline forward.
    if (awareAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new UserError({ code: 'aware-after-now', awareAt: awareAt.toISOString(), now: now.toISOString() });
    }
    const resolved = resolveSettings(playbook.settings, input.settings ?? {});
    if (!resolved.ok) throw new UserError({ code: 'bad-settings', playbook: playbook.id, problems: resolved.problems });
    const { year, month, day } = londonDateOf(awareAt);
    const date = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const opened: NewEvent = {
      kind: 'incident.opened',
      data: {
        title: input.title.trim(),
        awareAt: awareAt.toISOString(),
        playbook: { id: playbook.id, version: playbook.version, sourceHash: playbook.sourceHash },
        ...(exercise ? { exercise: true } : {}),
        backdateMarginMinutes: this.#backdateMarginMinutes,
        ...(input.scenario ? { scenario: input.scenario } : {}),
        ...(Object.keys(resolved.settings).length > 0 ? { settings: resolved.settings } : {}),
      },
      actor: resolveActor(playbook, input.actor),
      occurredAt: now.toISOString(),
    };
    refuseUnfitText([opened]);
    for (let attempt = 0; ; attempt += 1) {
      const id = `${exercise ? 'ex' : 'inc'}-${date}-${this.#newSuffix()}`;
      const [first] = chainEvents(id, undefined, [opened], now) as [RecordedEvent];
      const dated = playbookIn(playbook, { awareAt, settings: resolved.settings });
      const rest = input.then ? this.#decideOnOpening(dated, first, input.then, input.actor, now) : [];
      try {
        await this.#store.create(id, [first, ...rest]);
      } catch (error) {
        if (error instanceof IncidentExistsError && attempt < APPEND_ATTEMPTS) continue; // id taken: draw another
        throw error;
      }
      const fold = foldEvents(dated, [first, ...rest]);
      return reportOf(fold, now, { playbook: dated, playbookChanged: false, recorded: [first, ...rest] });
    }
  }

  /** The events a command records on a record that holds only its opening (for `start`'s `then`). */
  #decideOnOpening(playbook: LoadedPlaybook, first: RecordedEvent, command: CommandInput, actor: ActorInput, now: Date): RecordedEvent[] {
    const fold = foldEvents(playbook, [first]);
    const events = decideCommand(resolveCommand(playbook, command), fold, viewOf(fold), { actor: resolveActor(playbook, actor), occurredAt: now });
    refuseUnfitText(events);
    refuseUntimely(fold, events, now);
    return chainEvents(first.incident, first, events, now);
  }

  /** Where every duty to every organisation of the register stands now (or at `at`: the end of an exercise). */
  async register(incident: string, at?: Date): Promise<{ report: IncidentReport; register: RegisterStatus }> {
    const { fold, playbook, playbookChanged } = await this.#derived.derive(incident);
    const now = at ?? this.#nowFor(fold.events);
    return { report: reportOf(fold, now, { playbook, playbookChanged, recorded: [] }), register: registerStatus(fold, now) };
  }

  /** The notices the incident's record holds for organisations of its register (unsigned), oldest first. */
  async notices(incident: string, only: { organisation?: string | undefined; duty?: string | undefined } = {}): Promise<NoticeBody[]> {
    const { fold } = await this.#derived.derive(incident);
    if (only.organisation !== undefined) organisationNamed(fold, incident, only.organisation);
    return noticesOf(fold, only.organisation === undefined ? only : { ...only, organisation: organisationNamed(fold, incident, only.organisation).id });
  }

  /**
   * Records, in a supplier's incident on the same store, an organisation's acknowledgement of a notice, as the
   * person of that organisation who made it (not one of the supplier's roles: "Sam Patel for Trust A").
   */
  async acknowledgeOnStore(incident: string, acknowledgement: AcknowledgementBody, by: { name: string; organisation: string }): Promise<IncidentReport> {
    return this.#record(
      incident,
      (fold, view, attribution) => decideCommand({ kind: 'acknowledgement-in', acknowledgement, authenticity: { via: 'shared-store', file: `incident ${acknowledgement.from.incident}` } }, fold, view, attribution),
      { actor: { name: `${by.name.trim()} for ${by.organisation}` } },
      { linked: true },
    );
  }

  /**
   * A short text that changes whenever the incident's record changes: cheap enough to ask twice a second, so that
   * an open screen can notice an entry made elsewhere. `undefined` when there is no such incident.
   */
  changeMark(incident: string): Promise<string | undefined> {
    return this.#store.changeMark ? this.#store.changeMark(incident) : this.#store.fingerprint(incident);
  }

  /**
   * The incident as it stands now, without recording anything: timers that fell due are applied in memory and
   * listed in `view.dueTimers` (the next entry dated at or after their time records them).
   */
  async status(incident: string): Promise<IncidentReport> {
    const { fold, playbook, playbookChanged } = await this.#derived.derive(incident);
    const offlineCopies = await offlineCopiesOf(this.#store, incident, async () => fold.events);
    return reportOf(fold, this.#nowFor(fold.events), { playbook, playbookChanged, recorded: [], offlineCopies });
  }

  /**
   * Whether an entry may be dated `at` (default now), and what else it will need (a reason for entering it late,
   * the reasons for a late notification): asked before a person types the rest, so that nothing typed is lost to
   * a refusal that could have been told first. Records nothing.
   */
  async checkEntry(incident: string, entry: PlannedEntry, options: { actor: ActorInput; at?: Date | undefined }): Promise<EntryCheck> {
    const derived = await this.#derived.derive(incident);
    const now = this.#nowFor(derived.fold.events);
    const at = options.at ?? now;
    const fold = forkFold(derived.fold);
    catchUpTimers(fold, at);
    return checkEntry(fold, entry, resolveActor(fold.playbook, options.actor), at, now);
  }

  /**
   * Records the timers that fell due by now and nothing else: for the end of an exercise replay, so that its
   * record is complete. Reading commands never do this.
   */
  async recordDueTimers(incident: string): Promise<IncidentReport> {
    return this.#record(incident, () => [], { actor: { name: 'irp', role: undefined } }, { timersOnly: true });
  }

  /**
   * Records what a command asks, through the one write path: the same checks and the same record whichever
   * driver built the command. The methods below are the same, by name.
   */
  async execute(incident: string, command: CommandInput, options: RecordOptions): Promise<IncidentReport> {
    const system = command.kind === 'inject' || command.kind === 'exercise-clock';
    return this.#record(incident, (fold, view, by) => decideCommand(resolveCommand(fold.playbook, command), fold, view, by), {
      ...options,
      ...(command.kind === 'note' ? { note: undefined } : {}),
      ...(command.kind === 'inject' ? { at: command.at } : command.kind === 'exercise-clock' ? { at: command.to } : {}),
    }, system ? { system } : {});
  }

  /**
   * Records many commands all or nothing (a paper log typed up afterwards): each is taken in order, through the same
   * write path and the same rules, on a copy of the record held in memory; only if every one is recorded there are
   * their entries appended, at once, to the record. A refusal names the entry (`where`) and records nothing.
   */
  async executeAll(incident: string, entries: ReadonlyArray<{ command: CommandInput; options: RecordOptions; where: string }>): Promise<IncidentReport> {
    for (let attempt = 1; ; attempt += 1) {
      const record = await readRecord(this.#store, incident);
      const last = record.at(-1) as RecordedEvent;
      const now = this.#nowFor(record);
      const copy = new MemoryIncidentStore();
      await copy.create(incident, record);
      const scratch = new Irp({ store: copy, catalog: this.#catalog, clock: fixedClock(now), exerciseClock: fixedClock(now), backdateMarginMinutes: this.#backdateMarginMinutes });
      for (const entry of entries) {
        try {
          await scratch.execute(incident, entry.command, entry.options);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          throw new UserError({ code: 'entry-refused', where: entry.where, problem: error.problem });
        }
      }
      const added = (await readRecord(copy, incident)).slice(record.length);
      try {
        if (added.length > 0) await this.#store.append(incident, last, added);
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < APPEND_ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      const { fold, playbook, playbookChanged } = await this.#derived.derive(incident);
      return reportOf(fold, now, { playbook, playbookChanged, recorded: added });
    }
  }

  /** Records a decision: one of the choices the playbook offers now, with its payload. */
  async step(incident: string, decision: DecisionInput, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'decide', ...decision }, options);
  }

  /** Ticks checklist items of the active steps. */
  async check(incident: string, items: readonly string[], options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'tick', items }, options);
  }

  /** Adds a note; `review` makes it a lesson learned or an action (owner, due date) for the after-action report. */
  async note(incident: string, text: string, options: RecordOptions & { review?: Review | undefined }): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'note', text, review: options.review }, options);
  }

  /** Gives an active step to someone (a role id of the playbook). */
  async assign(incident: string, step: string, assignee: ActorInput, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'assign', step, to: assignee }, options);
  }

  /** Hands command to someone else; someone not in command takes it over, with the reason (`takeover`). */
  async handover(incident: string, to: ActorInput, options: RecordOptions & { takeover?: string | undefined }): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'handover', to, takeover: options.takeover }, options);
  }

  /** Delivers an exercise inject to the team: recorded at `at` (its due time on the simulated clock). */
  async inject(incident: string, inject: Extract<Command, { kind: 'inject' }>['inject'], at: Date): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'inject', inject, at }, { actor: { name: 'facilitator' } });
  }

  /** Records a move of an exercise's simulated clock. */
  async moveExerciseClock(incident: string, action: 'advance' | 'pause' | 'resume', to: Date): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'exercise-clock', action, to }, { actor: { name: 'facilitator' } });
  }

  /**
   * Stores a whole record made elsewhere (an exercise replayed in memory, a record pulled from another store) as a new incident, after the same checks a read makes: an unbroken chain that opens an incident, under
   * a playbook that loads, and that replays through it. Nothing is written if any check fails.
   */
  async importRecord(events: readonly RecordedEvent[]): Promise<IncidentReport> {
    const opened = events[0];
    if (opened?.kind !== 'incident.opened') throw new UserError({ code: 'not-opened', where: 'The record to import' });
    const problem = findChainProblem(events);
    if (problem) throw new DamagedRecordError({ code: 'damaged-record', where: 'The record to import', line: problem.index + 1, seq: problem.seq, reason: problem.reason });
    const playbook = await playbookFor(this.#catalog, opened.data);
    const fold = foldEvents(playbook, [...events]);
    await this.#store.create(opened.incident, events);
    // This handle knows the incident now: what it is asked next about it need not read the record again.
    const playbookChanged = playbook.sourceHash !== opened.data.playbook.sourceHash;
    this.#derived.keep(opened.incident, { fold, playbook, playbookChanged, checkpointed: 0 });
    return reportOf(fold, this.#nowFor(fold.events), { playbook, playbookChanged, recorded: [...events] });
  }

  /** Corrects a recorded fact: the new value and the reason are recorded; the old entry stays. */
  async correct(incident: string, correction: { fact: string; value: unknown; reason: string }, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'correct', ...correction }, options);
  }

  /** Records a named moment of awareness that starts clocks of its own (again, with `correction`, to correct it). */
  async recordAwareness(incident: string, moment: string, options: RecordOptions & { correction?: string | undefined }): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'aware', moment, correction: options.correction }, options);
  }

  /** Records a report to a clock's recipient outside the playbook's decision: a follow-up, or a re-opened clock's report. */
  async reported(incident: string, report: { clock: string; followUp: boolean; reference?: string | undefined; lateReasons?: string | undefined }, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'report', ...report }, options);
  }

  /** Records who holds one of the playbook's roles from now on. */
  async assignRole(incident: string, role: string, name: string, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'role', role, name }, options);
  }

  /**
   * The decision log: each decision of the record with what was known when it was taken, the options offered then
   * and the rationale given (see engine/decisionLog.ts).
   */
  async decisions(incident: string): Promise<{ title: string; entries: DecisionLogEntry[]; inWords: DecisionInWords[] }> {
    const events = await readRecord(this.#store, incident, { full: true });
    const opened = events[0];
    if (opened?.kind !== 'incident.opened') throw new DamagedRecordError({ code: 'damaged-record', where: `The record of incident ${incident}`, reason: 'it does not start by opening the incident' });
    const playbook = await playbookFor(this.#catalog, opened.data);
    const entries = decisionLog(playbook, events);
    return { title: opened.data.title, entries, inWords: entries.map((entry) => decisionInWords(entry, playbook)) };
  }

  /** The record, oldest first, exactly as stored. */
  async log(incident: string): Promise<RecordedEvent[]> {
    return readRecord(this.#store, incident);
  }

  /**
   * Checks the whole record: every line in canonical form, every hash, every link; then, against anchors kept
   * elsewhere, a head written down (`expect`) and every seal found (signed by a key in `trust`, when given).
   */
  async verify(incident: string, options: { expect?: RecordHead | undefined; trust?: readonly string[]; quick?: boolean } = {}): Promise<VerifyResult> {
    // On a store that stamps who stored each row, every claimed actor is held against that login's person, as the
    // record is read.
    // Who stored each row is asked for while the record is read; what each entry claims is kept small meanwhile.
    const stored = this.#store.provenance?.(incident, { times: false });
    stored?.catch(() => undefined); // awaited below; a failure there is reported there
    const claimed: Array<Pick<RecordedEvent, 'seq' | 'actor'>> = [];
    const result = await verifyRecord(this.#store, incident, { ...options, ...(stored ? { visit: (event: RecordedEvent) => claimed.push({ seq: event.seq, actor: event.actor }) } : {}) });
    if (result.problem) return result;
    const offlineCopies = await offlineCopiesOf(this.#store, incident, () => readRecord(this.#store, incident));
    const claims = stored ? checkClaims(claimed, await stored) : undefined;
    return { ...result, offlineCopies, ...(claims ? { claims, intact: result.intact && claims.forged.length === 0 } : {}) };
  }

  /**
   * The record, oldest first, exactly as stored, a chunk at a time: for printing records of any length without
   * holding them in memory. Throws at once if there is no such incident.
   */
  async *logStream(incident: string): AsyncGenerator<RecordedEvent> {
    let any = false;
    for await (const event of this.#store.scan(incident)) {
      any = true;
      yield event;
    }
    if (!any) throw noIncident(this.#store, incident);
  }

  /** The seals made of the record's head, oldest first. */
  async seals(incident: string): Promise<Seal[]> {
    if ((await this.#store.fingerprint(incident)) === undefined) throw noIncident(this.#store, incident);
    return this.#store.readSeals(incident);
  }

  /** Seals the record's head now with an Ed25519 private key (PEM) kept outside the state folder. */
  async seal(incident: string, privateKeyPem: string): Promise<Seal> {
    const events = await readRecord(this.#store, incident, { full: true });
    let seal: Seal;
    try {
      seal = makeSeal(privateKeyPem, incident, headOf(events), this.#clock.now());
    } catch (error) {
      throw new UserError({ code: 'unusable-seal-key', reason: (error as Error).message });
    }
    await this.#store.addSeal(incident, seal);
    return seal;
  }

  /**
   * Every incident, most recently active first, with (when asked) where each of its clocks stands now. A record
   * that cannot be read is listed with its problem. What was worked out about a record that has not changed since
   * (same fingerprint, same playbook source, no timer fallen due since) is taken from the summary index; the rest
   * is derived.
   */
  async list(): Promise<IncidentSummary[]> {
    const summaries: IncidentSummary[] = [];
    const now = this.#clock.now();
    for (const id of await this.#store.list()) {
      try {
        const entry = await this.#summaryOf(id, now);
        const clocks = entry.summary.exercise ? entry.clocks : entry.clocks.map((state) => clockStateAt(state, now));
        summaries.push({ ...entry.summary, clocks });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        summaries.push({ id, problem: error.message });
      }
    }
    this.#summaries?.save();
    // Set-aside copies are looked for once, in one listing of the store; the rare incident that has one is read.
    const copies = new Set(((await this.#store.setAsideCopies?.()) ?? []).map((copy) => copy.incident));
    for (const summary of summaries) {
      if (!copies.has(summary.id) || summary.problem) continue;
      summary.offlineCopies = await offlineCopiesOf(this.#store, summary.id, () => readRecord(this.#store, summary.id));
    }
    return summaries.sort((a, b) => (b.lastRecordedAt ?? '').localeCompare(a.lastRecordedAt ?? ''));
  }

  async #summaryOf(id: string, now: Date): Promise<SummaryEntry> {
    const fingerprint = this.#summaries ? await this.#store.fingerprint(id) : undefined;
    const known = fingerprint === undefined ? undefined : this.#summaries?.get(id, fingerprint);
    // Whether the playbook changed since: from its compile cache where it can say, without loading it.
    const current = known ? (this.#catalog.sourceHashOf?.(known.playbookId) ?? (await this.#catalog.load(known.playbookId).catch(() => undefined))?.sourceHash) : undefined;
    if (known && current !== undefined && stillHolds(known, now, current)) return known;
    const entry = summaryEntryOf(id, await this.status(id));
    if (fingerprint !== undefined) this.#summaries?.set(id, fingerprint, entry);
    return entry;
  }

  /** Real time for live incidents; simulated (or frozen) time for exercises. */
  #nowFor(events: readonly RecordedEvent[]): Date {
    const opened = events[0];
    if (opened?.kind !== 'incident.opened' || !opened.data.exercise) return this.#clock.now();
    if (this.#exerciseClock) return this.#exerciseClock.now();
    return new Date(recordEnd(events, { recorded: true }));
  }

  /**
   * The one write path: derive the incident, fire the timers that fell due by the time the command claims, let
   * `decide` turn the command into events (or refuse it, recording nothing), check the time they claim, then
   * append after the event the decision was based on. If another process appended first, everything is derived
   * again and decided again.
   */
  async #record(
    incident: string,
    decide: (fold: IncidentFold, view: IncidentView, by: Attribution) => NewEvent[],
    options: RecordOptions,
    mode: { timersOnly?: boolean; system?: boolean; linked?: boolean } = {},
  ): Promise<IncidentReport> {
    for (let attempt = 1; ; attempt += 1) {
      const derived = await this.#derived.derive(incident);
      const { playbook, playbookChanged } = derived;
      const last = derived.fold.events.at(-1) as RecordedEvent;
      const now = this.#nowFor(derived.fold.events);
      refuseClockBehindRecord(last, now);
      const at = options.at ?? now;
      // Timers and the decision are worked out on a fork: if the command is refused, nothing of it remains.
      if (options.fromOffline) refuseReappliedTwice(derived.fold.events, options.fromOffline);
      const fold = forkFold(derived.fold);
      const timers = catchUpTimers(fold, at);
      const commanded = mode.timersOnly
        ? []
        : decide(fold, viewOf(fold), {
            actor: mode.system ? { name: options.actor.name, role: 'system' } : mode.linked ? { name: options.actor.name, role: LINKED_ROLE } : resolveActor(playbook, options.actor),
            occurredAt: at,
            ...(options.note === undefined ? {} : { note: options.note }),
            ...(options.reason === undefined ? {} : { backdateReason: options.reason }),
            ...(options.fromOffline ? { fromOffline: options.fromOffline } : {}),
            ...(options.fromPaper ? { fromPaper: options.fromPaper } : {}),
          });
      refuseUnfitText(commanded);
      refuseUntimely(fold, commanded, now);
      const recorded = chainEvents(incident, last, [...timers, ...commanded], now);
      if (recorded.length > 0) {
        try {
          await this.#store.append(incident, last, recorded);
        } catch (error) {
          if (error instanceof ConcurrencyError && attempt < APPEND_ATTEMPTS) {
            await backoff(attempt);
            continue;
          }
          throw error;
        }
      }
      this.#derived.advance(incident, derived, recorded);
      return reportOf(derived.fold, now, { playbook, playbookChanged, recorded });
    }
  }
}

/**
 * Recording times never go backwards within a record: a machine whose clock is behind the last entry's recording
 * time (a wrong clock, or `IRP_NOW` moved back) is refused rather than allowed to stamp an entry as recorded before
 * the one it follows.
 */
function refuseClockBehindRecord(last: RecordedEvent, now: Date): void {
  if (now.getTime() >= Date.parse(last.recordedAt)) return;
  throw new UserError({
    code: 'clock-behind-record',
    incident: last.incident,
    now: now.toISOString(),
    lastRecordedAt: last.recordedAt,
    seq: last.seq,
    by: last.actor.name,
  });
}

/**
 * An offline entry is re-applied once: checked on every attempt of the write, so that two people re-applying the
 * same copy at once cannot both record it.
 */
function refuseReappliedTwice(events: readonly RecordedEvent[], from: { seq: number; hash: string }): void {
  const earlier = events.find((event) => event.fromOffline?.hash === from.hash);
  if (earlier) throw new UserError({ code: 'already-reapplied', incident: earlier.incident, offlineSeq: from.seq, seq: earlier.seq, by: earlier.actor.name });
}

/** The role of a person of another organisation recording in this incident through the shared store. */
export const LINKED_ROLE = 'linked-organisation';

/** A command as drivers give it: people named by a name and, optionally, a role of the playbook. */
export type CommandInput =
  | Exclude<Command, { kind: 'assign' | 'handover' }>
  | { kind: 'assign'; step: string; to: ActorInput }
  | { kind: 'handover'; to: ActorInput; takeover?: string | undefined };

function resolveCommand(playbook: LoadedPlaybook, command: CommandInput): Command {
  if (command.kind === 'assign' || command.kind === 'handover') return { ...command, to: resolveActor(playbook, command.to) };
  return command;
}

function resolveActor(playbook: LoadedPlaybook, actor: ActorInput): { name: string; role: string } {
  const roles = Object.keys(playbook.roles);
  const role = actor.role ?? roles[0] ?? 'incident-commander';
  if (!(role in playbook.roles)) {
    throw new UserError({ code: 'unknown-role', role, playbook: playbook.id, roles });
  }
  if (actor.name.trim() === '') throw new UserError({ code: 'no-actor' });
  return { name: actor.name.trim(), role };
}
