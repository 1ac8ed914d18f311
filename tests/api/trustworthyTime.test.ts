// Issue 8: back-dating rules, timers by happened-at, reads that never write, corrections, follow-ups and clocks
// that start at the right moment, through the library API on a real (memory) store with a manual clock.
import { describe, expect, it } from 'vitest';
import { Irp, type RecordOptions } from '../../src/api/irp.ts';
import { verdictChanges } from '../../src/clocks/clockStatus.ts';
import { buildDraft } from '../../src/notify/buildDraft.ts';
import { draftText } from '../../src/render/renderDraft.ts';
import { clockNotes, startLine } from '../../src/render/renderClocks.ts';
import { renderLog } from '../../src/render/renderLog.ts';
import { renderStatus } from '../../src/render/renderStatus.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf, timePlaybook } from '../helpers/timePlaybook.ts';

const T0 = new Date('2022-08-04T06:00:00Z'); // 07:00 BST
const MIN = 60_000;
const lead = { name: 'Ana', role: 'lead' };
const playbook = timePlaybook();

async function open(options: { backdateMarginMinutes?: number } = {}) {
  const clock = new ManualClock(T0);
  const store = new MemoryIncidentStore();
  const irp = new Irp({ store, catalog: catalogOf(playbook), clock, newSuffix: () => 'abcd', ...options });
  const { view } = await irp.start({ playbook: 'time', title: 'Time', awareAt: T0, actor: lead });
  const id = view.id;
  const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);
  const by = (minutes?: number, extra: Partial<RecordOptions> = {}): RecordOptions => ({ actor: lead, ...(minutes === undefined ? {} : { at: at(minutes) }), ...extra });
  /** Declares at +5 min (ticking first), so that the three workstreams are active from then. */
  const declare = async () => {
    await irp.check(id, ['seen'], by(2, { reason: 'paper log' }));
    await irp.step(id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, by(5, { reason: 'paper log' }));
  };
  const clockAt = (minutes: number) => clock.set(at(minutes));
  return { irp, id, store, clock, at, by, declare, clockAt };
}

describe('back-dating rules, in the engine for every driver', () => {
  it('refuses an entry dated before the incident became aware', async () => {
    const h = await open();
    h.clockAt(60);
    await expect(h.irp.note(h.id, 'From 2020', { actor: lead, at: new Date('2020-01-01T09:00:00Z'), reason: 'typo' })).rejects.toMatchObject({
      problem: { code: 'dated-before-awareness', what: 'The note', at: '2020-01-01T09:00:00.000Z', incident: 'inc-20220804-abcd', awareAt: '2022-08-04T06:00:00.000Z' },
    });
  });

  it('refuses an entry dated before the step it acts on became active, or before the decision it depends on', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    await h.irp.step(h.id, { event: 'NEXT' }, h.by(20, { reason: 'paper log' }));
    await expect(h.irp.step(h.id, { event: 'NEXT' }, h.by(10))).rejects.toMatchObject({
      problem: { code: 'dated-before-step', what: '"On to B"', at: '2022-08-04T06:10:00.000Z', step: 'Work B', enteredAt: '2022-08-04T06:20:00.000Z' },
    });
    await expect(h.irp.step(h.id, { event: 'ANSWERED' }, h.by(3))).rejects.toMatchObject({
      problem: { code: 'dated-before-step', what: '"The helpdesk answered"', at: '2022-08-04T06:03:00.000Z', step: 'Waiting for the helpdesk', enteredAt: '2022-08-04T06:05:00.000Z' },
    });
  });

  it('refuses a decision dated before the ticks of the step it leaves', async () => {
    const h = await open();
    h.clockAt(30);
    await h.irp.check(h.id, ['seen'], h.by(20, { reason: 'paper log' }));
    await expect(h.irp.step(h.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, h.by(18))).rejects.toMatchObject({ problem: { code: 'dated-before-tick', what: '"Declare"', at: '2022-08-04T06:18:00.000Z', item: 'Seen', step: 'Triage' } });
  });

  it('asks a reason of an entry made more than the margin after the fact, and keeps it', async () => {
    const h = await open();
    h.clockAt(60);
    await h.irp.check(h.id, ['seen'], h.by(50)); // 10 minutes: within the margin
    const declared = await h.irp.step(h.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, h.by(52)); // 8 minutes: within the margin, no reason
    expect(declared.recorded).toEqual([expect.objectContaining({ kind: 'decision', occurredAt: h.at(52).toISOString(), recordedAt: h.at(60).toISOString() })]);
    expect(declared.recorded[0]?.backdateReason).toBeUndefined();
    const late = await h.irp.note(h.id, 'Phoned the NCSC', h.by(54));
    expect(late.recorded[0]?.backdateReason).toBeUndefined();
    await expect(h.irp.note(h.id, 'Bridge opened', h.by(10))).rejects.toMatchObject({
      problem: { code: 'late-entry-without-reason', what: 'The note', at: '2022-08-04T06:10:00.000Z', recordedAt: '2022-08-04T07:00:00.000Z', delayMs: 50 * 60_000, marginMs: 15 * 60_000 },
    });
    const withReason = await h.irp.note(h.id, 'Bridge opened', h.by(55, { reason: 'x' }));
    expect(withReason.recorded[0]).toMatchObject({ backdateReason: 'x' }); // a reason given is kept, even within the margin
    const kept = await h.irp.note(h.id, 'Bridge opened at 07:10', h.by(10, { reason: 'written on the whiteboard first' }));
    expect(kept.recorded[0]).toMatchObject({ backdateReason: 'written on the whiteboard first', occurredAt: h.at(10).toISOString(), recordedAt: h.at(60).toISOString() });
    expect(renderLog(await h.irp.log(h.id)).replace(/\s+/g, ' ')).toContain('BACK-DATED: recorded Thu 4 Aug 2022 08:00:00 BST, 50m later; reason: written on the whiteboard first');
  });

  it('refuses an entry dated in the future, through the API as well as the CLI', async () => {
    const h = await open();
    await expect(h.irp.note(h.id, 'later', h.by(10))).rejects.toMatchObject({ problem: { code: 'dated-in-future', what: 'The note' } });
    await expect(h.irp.start({ playbook: 'time', title: 'x', awareAt: h.at(60), actor: lead })).rejects.toMatchObject({ problem: { code: 'aware-after-now', awareAt: h.at(60).toISOString() } });
  });

  it('fixes the margin when the incident is opened, so that every later reader applies the same rule', async () => {
    const h = await open({ backdateMarginMinutes: 60 });
    expect((await h.irp.log(h.id))[0]).toMatchObject({ data: { backdateMarginMinutes: 60 } });
    h.clockAt(90);
    const within = await h.irp.note(h.id, '45 minutes late', h.by(45)); // within the hour this incident allows
    expect(within.recorded).toEqual([expect.objectContaining({ kind: 'note', occurredAt: h.at(45).toISOString(), recordedAt: h.at(90).toISOString() })]);
    expect(within.recorded[0]?.backdateReason).toBeUndefined();
    await expect(h.irp.note(h.id, '80 minutes late', h.by(10))).rejects.toMatchObject({ problem: { code: 'late-entry-without-reason', what: 'The note', marginMs: 60 * 60_000 } });
  });

  it('says when a clock was met only by the time claimed, and lists the entry that changed the verdict', async () => {
    const h = await open();
    h.clockAt(75);
    await h.irp.check(h.id, ['seen'], h.by(2, { reason: 'paper log' }));
    // The CSOC's 1-hour target is stopped by DECLARE: claimed at 07:10, recorded at 08:15, 15 minutes after it.
    const report = await h.irp.step(h.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, h.by(10, { reason: 'typed in from the paper log' }));
    const csoc = report.clocks.find((s) => s.clock.id === 'csoc');
    expect(csoc).toMatchObject({ status: 'met', recordedAfterDeadline: true, backdateReason: 'typed in from the paper log' });
    expect(clockNotes(csoc as NonNullable<typeof csoc>).join(' ')).toBe(
      'met, by the time claimed (07:10 BST); recorded Thu 4 Aug 2022 08:15 BST, 15m after the deadline; reason: typed in from the paper log',
    );
    const changes = verdictChanges(playbook.clocks, report.view.events, h.clock.now());
    expect(changes.map((c) => [c.clock.id, c.claimed, c.asRecorded, c.entries.map((e) => e.seq)])).toEqual([['csoc', 'met', 'met-late', [3]]]);
    expect(renderStatus(report, h.clock.now())).toContain('Verdicts that rest on back-dated entries');
  });
});

describe('timers by happened-at', () => {
  it('applies an answer dated before the timer first, so the timer never fires (paper log entered late)', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare(); // 07:05: the helpdesk wait runs to 11:05
    h.clockAt(5 + 4 * 60 + 60); // 12:05, an hour after the timer fell due
    const answered = await h.irp.step(h.id, { event: 'ANSWERED' }, h.by(4 * 60 - 25, { reason: 'answer was on paper' })); // 10:40
    expect(answered.recorded.map((e) => e.kind)).toEqual(['decision']);
    expect(answered.view.steps.map((s) => s.path)).not.toContain('respond.helpdesk.escalated');
    const log = await h.irp.log(h.id);
    expect(log.some((e) => e.kind === 'timer.fired')).toBe(false);
  });

  it('records a timer that fell due, dated when it fell due, before a command dated after it', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    h.clockAt(5 + 4 * 60 + 30);
    const note = await h.irp.note(h.id, 'Still no answer', h.by());
    expect(note.recorded.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['timer.fired', h.at(5 + 4 * 60).toISOString()],
      ['note', h.at(5 + 4 * 60 + 30).toISOString()],
    ]);
    expect(note.view.steps.map((s) => s.path)).toContain('respond.helpdesk.escalated');
  });

  it('gives the same record entered live or entered afterwards in order from a paper log', async () => {
    const script: Array<[string, number]> = [['NEXT', 60], ['PAUSE', 200], ['RESUME', 260], ['ANSWERED', 300]];
    const live = await open();
    live.clockAt(30);
    await live.declare();
    for (const [event, minutes] of script) {
      live.clockAt(minutes);
      await live.irp.step(live.id, { event }, live.by());
    }
    const paper = await open();
    paper.clockAt(30);
    await paper.declare();
    paper.clockAt(400);
    for (const [event, minutes] of script) await paper.irp.step(paper.id, { event }, paper.by(minutes, { reason: 'paper log' }));
    const essence = (events: Awaited<ReturnType<Irp['log']>>) => events.map((e) => [e.kind, e.occurredAt, e.kind === 'decision' ? e.data.event : e.kind === 'timer.fired' ? e.data.event : '']);
    const liveLog = essence(await live.irp.log(live.id));
    expect(essence(await paper.irp.log(paper.id))).toEqual(liveLog);
    expect(liveLog.map((e) => e[0])).toContain('timer.fired'); // 11:05 fell between PAUSE and RESUME... and before ANSWERED
    const times = liveLog.map((e) => e[1] as string);
    expect(times).toEqual([...times].sort());
  });

  it('never writes when read: status shows the timer as due since its time, and what it will do', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    h.clockAt(6 * 60);
    const before = (await h.irp.log(h.id)).length;
    const status = await h.irp.status(h.id);
    await h.irp.list();
    expect((await h.irp.log(h.id)).length).toBe(before);
    expect(status.recorded).toEqual([]);
    expect(status.view.dueTimers).toEqual([
      expect.objectContaining({ label: 'No answer from the helpdesk in 4 h', dueAt: h.at(5 + 240).toISOString(), leaves: ['Waiting for the helpdesk'], enters: ['Escalated to the on-call manager'] }),
    ]);
    expect(status.view.timers).toEqual([]);
    const text = renderStatus(status, h.clock.now()).replace(/\s+/g, ' ');
    expect(text).toContain('Timer due since Thu 4 Aug 2022 11:05 BST: No answer from the helpdesk in 4 h. It moves "Waiting for the helpdesk" on to "Escalated to the on-call manager". Not recorded yet');
    expect(text).not.toMatch(/in -/);
  });

  it('refuses a back-dated answer that contradicts a timer already recorded, naming the timer and its time', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    h.clockAt(5 + 5 * 60);
    await h.irp.note(h.id, 'Escalated', h.by()); // records the timer at 11:05
    await expect(h.irp.step(h.id, { event: 'ANSWERED' }, h.by(4 * 60 - 25, { reason: 'paper' }))).rejects.toMatchObject({
      problem: { code: 'dated-before-step', at: '2022-08-04T09:35:00.000Z', step: 'Escalated to the on-call manager', enteredAt: '2022-08-04T10:05:00.000Z' },
    });
  });
});

describe('corrections and follow-up reports', () => {
  async function scoped() {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    await h.irp.step(h.id, { event: 'SCOPED', payload: { personalData: 'unknown' } }, h.by());
    return h;
  }

  it('corrects a fact with a new entry naming the fact, the value and the reason; the original stays', async () => {
    const h = await scoped();
    h.clockAt(60 * 24 * 70);
    const corrected = await h.irp.correct(h.id, { fact: 'personalData', value: 'yes', reason: 'exfiltration confirmed by the forensic firm' }, h.by());
    expect(corrected.view.facts.personalData).toBe('yes');
    expect(corrected.view.corrections.personalData).toEqual([expect.objectContaining({ from: 'unknown', to: 'yes', reason: 'exfiltration confirmed by the forensic firm' })]);
    const step = corrected.view.steps.find((s) => s.path === 'respond.notify.ico');
    expect(step?.facts[0]).toMatchObject({ value: 'yes', corrected: { from: 'unknown' } });
    const log = await h.irp.log(h.id);
    expect(log.find((e) => e.kind === 'decision' && e.data.event === 'SCOPED')).toMatchObject({ data: { payload: { personalData: 'unknown' } } });
    const ico = corrected.clocks.find((s) => s.clock.id === 'ico');
    const draft = draftText(buildDraft(corrected.playbook, corrected.view, ico as NonNullable<typeof ico>));
    expect(draft).toContain('Personal data involved:\n  yes (corrected Thu 13 Oct 2022 07:00 BST; earlier recorded as "unknown": exfiltration confirmed by the forensic firm)');
  });

  it('refuses corrections that name no fact, a fact not yet recorded, an invalid or unchanged value, or no reason', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    const fix = (fact: string, value: unknown, reason = 'because') => h.irp.correct(h.id, { fact, value, reason }, h.by());
    await expect(fix('colour', 'red')).rejects.toMatchObject({ problem: { code: 'unknown-fact', fact: 'colour', playbook: 'time', facts: ['personalData', 'ref', 'reason'] } });
    await expect(fix('personalData', 'yes')).rejects.toMatchObject({ problem: { code: 'fact-not-recorded', fact: 'personalData', incident: 'inc-20220804-abcd' } });
    await h.irp.step(h.id, { event: 'SCOPED', payload: { personalData: 'no' } }, h.by());
    await expect(fix('personalData', 'perhaps')).rejects.toMatchObject({ problem: { code: 'invalid-fact-value', fact: 'personalData' } });
    await expect(fix('personalData', 'no')).rejects.toMatchObject({ problem: { code: 'fact-unchanged', fact: 'personalData', value: 'no' } });
    await expect(fix('personalData', 'yes', ' ')).rejects.toMatchObject({ problem: { code: 'no-reason', fact: 'personalData' } });
  });

  it('records a follow-up report and drafts it with what changed since the first', async () => {
    const h = await scoped();
    h.clockAt(60);
    await expect(h.irp.reported(h.id, { clock: 'ico', followUp: true }, h.by())).rejects.toMatchObject({ problem: { code: 'nothing-to-follow-up', recipient: 'ICO' } });
    await h.irp.step(h.id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, h.by());
    h.clockAt(60 * 24 * 9);
    await h.irp.correct(h.id, { fact: 'personalData', value: 'yes', reason: 'data found on a leak site' }, h.by());
    const followed = await h.irp.reported(h.id, { clock: 'ico', followUp: true, reference: 'ICO-1b' }, h.by());
    const ico = followed.clocks.find((s) => s.clock.id === 'ico');
    expect(ico).toMatchObject({ status: 'met', reference: 'ICO-1', followUps: [expect.objectContaining({ reference: 'ICO-1b' })] });
    const status = await h.irp.status(h.id);
    const draft = buildDraft(status.playbook, status.view, status.clocks.find((s) => s.clock.id === 'ico') as NonNullable<typeof ico>, { followUp: true });
    expect(draft.fields[0]).toEqual({
      label: 'What has changed since the report of Sat 13 Aug 2022 07:00 BST (ref ICO-1b)',
      missing: 'nothing new is in the record since that report: say what is now known',
    });
    await h.irp.correct(h.id, { fact: 'personalData', value: 'no', reason: 'the leak was a hoax' }, h.by());
    const later = await h.irp.status(h.id);
    const second = buildDraft(later.playbook, later.view, later.clocks.find((s) => s.clock.id === 'ico') as NonNullable<typeof ico>, { followUp: true });
    expect(second.fields[0]?.value).toEqual(['Sat 13 Aug 2022 07:00 BST: personalData corrected from "yes" to "no" (the leak was a hoax)']);
    expect(draftText(second)).toMatch(/^FOLLOW-UP REPORT TO ICO/);
  });
});

describe('clocks that start at the right moment, and say why', () => {
  it('runs from the incident until the moment is recorded, then from the moment: a late confirmation is not late', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    const before = (await h.irp.status(h.id)).clocks.find((s) => s.clock.id === 'ico');
    expect(before).toMatchObject({ status: 'running', start: { cause: 'incident-awareness', provisional: true } });
    expect(startLine(before as NonNullable<typeof before>)).toBe(
      `runs from the incident's awareness, Thu 4 Aug 2022 07:00 BST, until "Aware of a personal data breach" is recorded`,
    );
    // Ten weeks later exfiltration is confirmed: the moment is recorded, back-dated a day, with its reason.
    h.clockAt(60 * 24 * 70);
    await expect(h.irp.recordAwareness(h.id, 'exfiltration', h.by())).rejects.toMatchObject({ problem: { code: 'unknown-moment', moment: 'exfiltration', playbook: 'time' } });
    const aware = await h.irp.recordAwareness(h.id, 'personal-data-breach', h.by(60 * 24 * 69, { reason: 'confirmed by phone yesterday; written up today' }));
    const ico = aware.clocks.find((s) => s.clock.id === 'ico');
    expect(ico).toMatchObject({ status: 'running', start: { cause: 'moment', at: h.at(60 * 24 * 69).toISOString() }, dueAt: h.at(60 * 24 * 72).toISOString() });
    expect(startLine(ico as NonNullable<typeof ico>)).toMatch(/^runs from "Aware of a personal data breach", Wed 12 Oct 2022 07:00 BST, recorded by Ana \(back-dated: recorded Thu 13 Oct 2022 07:00 BST; reason: confirmed by phone/);
    // Told within 72 hours of the moment: met, and no "reasons for the delay" are asked for.
    h.clockAt(60 * 24 * 71);
    const told = await h.irp.step(h.id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-9' } }, h.by());
    expect(told.clocks.find((s) => s.clock.id === 'ico')).toMatchObject({ status: 'met' });
    await expect(h.irp.recordAwareness(h.id, 'personal-data-breach', h.by())).rejects.toMatchObject({ problem: { code: 'moment-recorded', at: '2022-10-12T06:00:00.000Z', by: 'Ana' } });
  });

  it('re-opens a waiver, visibly, when a later fact contradicts it, and takes the report outside the passed step', async () => {
    const h = await open();
    h.clockAt(30);
    await h.declare();
    await h.irp.step(h.id, { event: 'SCOPED', payload: { personalData: 'no' } }, h.by());
    await h.irp.step(h.id, { event: 'ICO_NOT_REQUIRED', payload: { reason: 'no personal data on the affected servers' } }, h.by());
    expect((await h.irp.status(h.id)).clocks.find((s) => s.clock.id === 'ico')).toMatchObject({ status: 'waived' });
    h.clockAt(60 * 24 * 20);
    const corrected = await h.irp.correct(h.id, { fact: 'personalData', value: 'yes', reason: 'home-access details found in the stolen data' }, h.by());
    const ico = corrected.clocks.find((s) => s.clock.id === 'ico');
    expect(ico).toMatchObject({ status: 'running', start: { cause: 'reopened', at: h.at(60 * 24 * 20).toISOString() }, reopened: { because: 'personalData corrected to "yes"' } });
    expect(clockNotes(ico as NonNullable<typeof ico>)[0]).toMatch(/^RE-OPENED: waived as not required at Thu 4 Aug 2022 07:30 BST by Ana \("no personal data on the affected servers"\); contradicted by personalData corrected to "yes"/);
    const told = await h.irp.reported(h.id, { clock: 'ico', followUp: false, reference: 'ICO-late' }, h.by());
    expect(told.clocks.find((s) => s.clock.id === 'ico')).toMatchObject({ status: 'met', reference: 'ICO-late' });
  });
});
