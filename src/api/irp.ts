import { randomBytes } from 'node:crypto';
import { clockStateAt, clockStates, type ClockState } from '../clocks/clockStatus.ts';
import type { SummaryIndex } from '../cache/summaryIndex.ts';
import { ConcurrencyError, DamagedRecordError, IncidentExistsError, UserError } from '../errors.ts';
import type { Attribution } from '../engine/decide.ts';
import { decideCommand, type Command } from '../engine/command.ts';
import { applyEvent, foldEvents, viewOf, type IncidentFold } from '../engine/deriveIncident.ts';
import { forkFold } from '../engine/incidentFold.ts';
import { FUTURE_TOLERANCE_MS, refuseUntimely } from '../engine/entryTime.ts';
import { refuseUnfitText } from '../engine/entryText.ts';
import { catchUpTimers, projectDueTimers } from '../engine/timers.ts';
import { DEFAULT_BACKDATE_MARGIN_MINUTES } from '../record/backdating.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import type { IncidentReport } from '../engine/incidentReport.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { PlaybookSource } from '../playbook/playbookCatalog.ts';
import { chainEvents, findChainProblem } from '../record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../record/recordedEvent.ts';
import { recordEnd } from '../record/recordEnd.ts';
import { checkHead, checkSeal, headOf, makeSeal, sealHolds, type HeadCheck, type RecordHead, type RecordHeads, type Seal, type SealCheck } from '../record/seal.ts';
import { checkpointOf, type FoldCheckpoint } from '../engine/foldCheckpoint.ts';
import type { CheckpointCache } from '../cache/checkpointCache.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import type { Clock } from '../time/clock.ts';
import { londonDateOf } from '../time/london.ts';

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
}

export type { IncidentReport } from '../engine/incidentReport.ts';

/** What the summary index keeps about an incident: its summary, and its clocks as they stood when it was made. */
export interface SummaryEntry {
  summary: IncidentSummary;
  clocks: ClockState[];
  playbookId: string;
  /** The source of the playbook it was derived under: a revised playbook is derived again. */
  sourceHash: string;
  /** The first pending timer's due time, when the view would change with no new entry. */
  nextTimerAt?: string;
}

export interface IncidentSummary {
  id: string;
  title?: string;
  playbook?: string;
  awareAt?: string;
  exercise?: boolean;
  finished?: boolean;
  steps?: string[];
  lastRecordedAt?: string;
  /** Set when the record could not be read: the incident is listed, not hidden. */
  problem?: string;
  /** Where each clock stands now (for exercises, at the exercise's last recorded moment). */
  clocks?: ClockState[];
}

/** What `verify` found: the chain, the head, a cut-off write at the end, a head written down, and every seal. */
export interface VerifyResult {
  /** The chain is unbroken, the head written down (if given) is still there, and every seal holds. */
  intact: boolean;
  events: number;
  head: RecordHead | null;
  /** The first event that breaks the chain, if one does. */
  problem?: { line: number; seq?: number | undefined; reason: string };
  /** Bytes of a write cut off before it was acknowledged, after the last complete line (never part of the record). */
  tornBytes: number;
  /** Files where earlier cut-off writes were set aside. */
  setAside: string[];
  expected?: HeadCheck;
  seals: SealCheck[];
}

const APPEND_ATTEMPTS = 5;

/** How many incidents a handle keeps derived in memory (the most recently used). */
const KEPT_INCIDENTS = 64;

/** An incident derived from its record: the fold holds exactly the recorded events, never a projection. */
interface Derived {
  fold: IncidentFold;
  playbook: LoadedPlaybook;
  playbookChanged: boolean;
  /** How many events the last checkpoint kept for other processes held. */
  checkpointed: number;
}

/**
 * The operations on incidents, shared by the CLI, the interactive runner and exercises: every one goes through
 * the same path (read the record, derive, decide, append), so all drivers produce records of the same form.
 */
export class Irp {
  readonly #store: IncidentStore;
  readonly #catalog: PlaybookSource;
  readonly #clock: Clock;
  readonly #newSuffix: () => string;
  readonly #checkpoints: CheckpointCache<FoldCheckpoint> | undefined;
  readonly #summaries: SummaryIndex<SummaryEntry> | undefined;
  readonly #exerciseClock: Clock | undefined;
  readonly #backdateMarginMinutes: number;
  /**
   * Incidents this handle has derived, kept in memory and caught up from the record's tail at each use: a
   * long-lived handle (the runner, an exercise, a board) pays for what was appended since, not for the whole record.
   */
  readonly #derived = new Map<string, Derived>();

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
    this.#checkpoints = options.checkpoints;
    this.#summaries = options.summaries;
    this.#catalog = options.catalog;
    this.#clock = options.clock;
    this.#newSuffix = options.newSuffix ?? (() => randomBytes(2).toString('hex'));
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
      },
      actor: resolveActor(playbook, input.actor),
      occurredAt: now.toISOString(),
    };
    refuseUnfitText([opened]);
    for (let attempt = 0; ; attempt += 1) {
      const id = `${exercise ? 'ex' : 'inc'}-${date}-${this.#newSuffix()}`;
      const [first] = chainEvents(id, undefined, [opened], now) as [RecordedEvent];
      try {
        await this.#store.create(id, [first]);
      } catch (error) {
        if (error instanceof IncidentExistsError && attempt < APPEND_ATTEMPTS) continue; // id taken: draw another
        throw error;
      }
      const fold = foldEvents(playbook, [first]);
      return this.#reportOf(fold, now, { playbook, playbookChanged: false, recorded: [first] });
    }
  }

  /**
   * The incident as it stands now, without recording anything: timers that fell due are applied in memory and
   * listed in `view.dueTimers` (the next entry dated at or after their time records them).
   */
  async status(incident: string): Promise<IncidentReport> {
    const { fold, playbook, playbookChanged } = await this.#derive(incident);
    return this.#reportOf(fold, this.#nowFor(fold.events), { playbook, playbookChanged, recorded: [] });
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

  /** Records a decision: one of the choices the playbook offers now, with its payload. */
  async step(incident: string, decision: { event: string; payload?: Record<string, unknown> | undefined }, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'decide', ...decision }, options);
  }

  /** Ticks checklist items of the active steps. */
  async check(incident: string, items: readonly string[], options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'tick', items }, options);
  }

  /** Adds a note to the record. */
  async note(incident: string, text: string, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'note', text }, options);
  }

  /** Gives an active step to someone (a role id of the playbook). */
  async assign(incident: string, step: string, assignee: ActorInput, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'assign', step, to: assignee }, options);
  }

  /** Hands command to someone else. */
  async handover(incident: string, to: ActorInput, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'handover', to }, options);
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
   * Stores a whole record made elsewhere (an exercise replayed in memory, later a record pulled from another
   * store) as a new incident, after the same checks a read makes: an unbroken chain that opens an incident, under
   * a playbook that loads, and that replays through it. Nothing is written if any check fails.
   */
  async importRecord(events: readonly RecordedEvent[]): Promise<IncidentReport> {
    const opened = events[0];
    if (opened?.kind !== 'incident.opened') throw new UserError({ code: 'not-opened', where: 'The record to import' });
    const problem = findChainProblem(events);
    if (problem) throw new DamagedRecordError({ code: 'damaged-record', where: 'The record to import', line: problem.index + 1, seq: problem.seq, reason: problem.reason });
    const playbook = await this.#catalog.load(opened.data.playbook.id);
    const fold = foldEvents(playbook, [...events]);
    await this.#store.create(opened.incident, events);
    // This handle knows the incident now: what it is asked next about it need not read the record again.
    const playbookChanged = playbook.sourceHash !== opened.data.playbook.sourceHash;
    this.#keep(opened.incident, { fold, playbook, playbookChanged, checkpointed: 0 });
    return this.#reportOf(fold, this.#nowFor(fold.events), { playbook, playbookChanged, recorded: [...events] });
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
  async reported(incident: string, report: { clock: string; followUp: boolean; reference?: string | undefined }, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'report', ...report }, options);
  }

  /** Records who holds one of the playbook's roles from now on. */
  async assignRole(incident: string, role: string, name: string, options: RecordOptions): Promise<IncidentReport> {
    return this.execute(incident, { kind: 'role', role, name }, options);
  }

  /** The record, oldest first, exactly as stored. */
  async log(incident: string): Promise<RecordedEvent[]> {
    return this.#read(incident);
  }

  /**
   * Checks the whole record: every line in canonical form, every hash, every link; then, against anchors kept
   * elsewhere, a head written down (`expect`) and every seal found (signed by a key in `trust`, when given).
   */
  async verify(
    incident: string,
    options: { expect?: RecordHead | undefined; trust?: readonly string[]; quick?: boolean } = {},
  ): Promise<VerifyResult> {
    const { tornBytes, setAside } = await this.#store.tail(incident);
    const stored = await this.#store.readSeals(incident);
    // The record is read a chunk at a time; only the hashes that anchors name are kept.
    const named = new Set([options.expect?.count ?? 0, ...stored.map((seal) => seal.count)]);
    const hashes = new Map<number, string>();
    let head: RecordHead | null = null;
    try {
      for await (const event of this.#store.scan(incident, { full: options.quick !== true })) {
        head = { count: event.seq, hash: event.hash };
        if (named.has(event.seq)) hashes.set(event.seq, event.hash);
      }
    } catch (error) {
      if (!(error instanceof DamagedRecordError) || !error.at) throw error;
      return { intact: false, events: 0, head: null, problem: error.at, tornBytes, setAside, seals: [] };
    }
    if (!head) throw this.#noIncident(incident);
    const record: RecordHeads = { now: head, hashAt: (count) => hashes.get(count) };
    const expected = options.expect ? checkHead(options.expect, record) : undefined;
    const seals = stored.map((seal) => checkSeal(seal, incident, record, options.trust ?? []));
    const expectationHolds = !expected || expected.status === 'matches' || expected.status === 'extended';
    return {
      intact: expectationHolds && seals.every(sealHolds),
      events: head.count,
      head,
      tornBytes,
      setAside,
      ...(expected ? { expected } : {}),
      seals,
    };
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
    if (!any) throw this.#noIncident(incident);
  }

  /** Seals the record's head now with an Ed25519 private key (PEM) kept outside the state folder. */
  async seal(incident: string, privateKeyPem: string): Promise<Seal> {
    const events = await this.#read(incident, { full: true });
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
    return summaries.sort((a, b) => (b.lastRecordedAt ?? '').localeCompare(a.lastRecordedAt ?? ''));
  }

  async #summaryOf(id: string, now: Date): Promise<SummaryEntry> {
    const fingerprint = this.#summaries ? await this.#store.fingerprint(id) : undefined;
    const known = fingerprint === undefined ? undefined : this.#summaries?.get(id, fingerprint);
    if (known && (known.nextTimerAt === undefined || now.getTime() < Date.parse(known.nextTimerAt))) {
      const playbook = await this.#catalog.load(known.playbookId);
      if (playbook.sourceHash === known.sourceHash) return known;
    }
    const report = await this.status(id);
    const { view } = report;
    const entry: SummaryEntry = {
      summary: {
        id,
        title: view.title,
        playbook: `${view.recordedPlaybook.id}@${view.recordedPlaybook.version}`,
        awareAt: view.awareAt,
        exercise: view.exercise,
        finished: view.finished,
        steps: view.steps.map((step) => step.title),
        lastRecordedAt: view.events.at(-1)?.recordedAt ?? view.openedAt,
      },
      clocks: report.clocks,
      playbookId: report.playbook.id,
      sourceHash: report.playbook.sourceHash,
      // The view changes without a new entry when a timer falls due: the summary holds until the next one.
      ...(view.timers[0] ? { nextTimerAt: view.timers[0].dueAt } : {}),
    };
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

  #noIncident(incident: string): UserError {
    return new UserError({ code: 'no-incident', incident, folder: this.#store.describe(incident).replace(/[^/]*$/, '') });
  }

  async #read(incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[]> {
    const events = await this.#store.read(incident, options);
    if (!events || events.length === 0) {
      throw this.#noIncident(incident);
    }
    return events;
  }

  /**
   * The incident derived from its record. A handle that derived it before reads only what was appended since
   * (another process may have appended); otherwise the whole record is read and replayed, from a checkpoint kept by
   * an earlier process where one still matches. The fold returned is this handle's own: move a fork of it, never it.
   */
  async #derive(incident: string): Promise<Derived> {
    const known = this.#derived.get(incident);
    if (known) {
      const playbook = await this.#catalog.load(known.fold.opened.data.playbook.id);
      const added = playbook === known.playbook ? await this.#store.readAfter(incident, known.fold.events.at(-1) as RecordedEvent) : undefined;
      if (added) {
        this.#keep(incident, known);
        this.#advance(incident, known, added);
        return known;
      }
    }
    const events = await this.#read(incident);
    const opened = events[0];
    if (opened?.kind !== 'incident.opened') throw new UserError({ code: 'not-opened', where: this.#store.describe(incident) });
    const playbook = await this.#catalog.load(opened.data.playbook.id);
    const checkpoint = this.#checkpoints?.get(incident);
    const derived: Derived = {
      fold: foldEvents(playbook, events, checkpoint),
      playbook,
      playbookChanged: playbook.sourceHash !== opened.data.playbook.sourceHash,
      checkpointed: checkpoint?.count ?? 0,
    };
    this.#keepCheckpoint(incident, derived);
    this.#keep(incident, derived);
    return derived;
  }

  /** Keeps an incident derived, as the most recently used; the least recently used goes past the limit. */
  #keep(incident: string, derived: Derived): void {
    this.#derived.delete(incident);
    this.#derived.set(incident, derived);
    if (this.#derived.size > KEPT_INCIDENTS) this.#derived.delete(this.#derived.keys().next().value as string);
  }

  /** Moves a derived incident on by events now in the record (views made earlier keep their own events). */
  #advance(incident: string, derived: Derived, recorded: readonly RecordedEvent[]): void {
    if (recorded.length === 0) return;
    for (const event of recorded) {
      derived.fold.events.push(event);
      applyEvent(derived.fold, event);
    }
    this.#keepCheckpoint(incident, derived);
  }

  /** Keeps a checkpoint for later processes once enough events have been recorded past the last one. */
  #keepCheckpoint(incident: string, derived: Derived): void {
    if (!this.#checkpoints || derived.fold.events.length - derived.checkpointed < this.#checkpoints.interval) return;
    this.#checkpoints.set(incident, checkpointOf(derived.fold));
    derived.checkpointed = derived.fold.events.length;
  }

  /**
   * The report of the incident as of `now`: the view (with the timers due by then applied to a fork of the fold,
   * never to it) and the clocks. Both are worked out when first read and then kept, so a driver that only needs to
   * know that its command was recorded (an answers file, an exercise) does not pay for a view it never reads. They
   * show the record as it stands now, whatever this handle records later.
   */
  #reportOf(fold: IncidentFold, now: Date, rest: Pick<IncidentReport, 'playbook' | 'playbookChanged' | 'recorded'>): IncidentReport {
    const projected = forkFold(fold);
    const recorded = fold.events;
    const count = recorded.length;
    const events = () => (recorded.length === count ? recorded : recorded.slice(0, count));
    let view: IncidentView | undefined;
    let clocks: ClockState[] | undefined;
    return {
      ...rest,
      get view() {
        if (!view) {
          projected.events = events();
          view = viewOf(projected, projectDueTimers(projected, now));
        }
        return view;
      },
      get clocks() {
        clocks ??= clockStates(fold.playbook.clocks, events(), now);
        return clocks;
      },
    };
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
    mode: { timersOnly?: boolean; system?: boolean } = {},
  ): Promise<IncidentReport> {
    for (let attempt = 1; ; attempt += 1) {
      const derived = await this.#derive(incident);
      const { playbook, playbookChanged } = derived;
      const last = derived.fold.events.at(-1) as RecordedEvent;
      const now = this.#nowFor(derived.fold.events);
      refuseClockBehindRecord(last, now);
      const at = options.at ?? now;
      // Timers and the decision are worked out on a fork: if the command is refused, nothing of it remains.
      const fold = forkFold(derived.fold);
      const timers = catchUpTimers(fold, at);
      const commanded = mode.timersOnly
        ? []
        : decide(fold, viewOf(fold), {
            actor: mode.system ? { name: options.actor.name, role: 'system' } : resolveActor(playbook, options.actor),
            occurredAt: at,
            ...(options.note === undefined ? {} : { note: options.note }),
            ...(options.reason === undefined ? {} : { backdateReason: options.reason }),
          });
      refuseUnfitText(commanded);
      refuseUntimely(fold, commanded, now);
      const recorded = chainEvents(incident, last, [...timers, ...commanded], now);
      if (recorded.length > 0) {
        try {
          await this.#store.append(incident, last, recorded);
        } catch (error) {
          if (error instanceof ConcurrencyError && attempt < APPEND_ATTEMPTS) continue;
          throw error;
        }
      }
      this.#advance(incident, derived, recorded);
      return this.#reportOf(derived.fold, now, { playbook, playbookChanged, recorded });
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

/** A command as drivers give it: people named by a name and, optionally, a role of the playbook. */
export type CommandInput =
  | Exclude<Command, { kind: 'assign' | 'handover' }>
  | { kind: 'assign'; step: string; to: ActorInput }
  | { kind: 'handover'; to: ActorInput };

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
