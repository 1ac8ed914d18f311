// Two of the commander's actions in the runner: a lesson, an action and its closure for the after-action report, and
// a notification's draft recorded as sent. Answered by key, as a person would at the keyboard.
import { describe, expect, it } from 'vitest';
import { Irp, type IncidentReport } from '../../src/api/irp.ts';
import { performAction } from '../../src/runner/performAction.ts';
import type { Option, Prompter } from '../../src/runner/prompter.ts';
import type { RunnerIo } from '../../src/runner/runnerIo.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf, timePlaybook } from '../helpers/timePlaybook.ts';

/** Answers each question by its key; a select is answered with the option whose value (or tag) is given. */
function keyed(answers: Record<string, unknown>): Prompter & { asked: string[] } {
  const asked: string[] = [];
  const answer = (key: string) => {
    asked.push(key);
    if (!(key in answers)) throw new Error(`not expected: ${key}`);
    return answers[key];
  };
  return {
    asked,
    select: async <V>(q: { key: string; options: ReadonlyArray<Option<V>> }) => {
      const wanted = answer(q.key);
      const option = q.options.find((o) => o.value === wanted || o.tags?.includes(String(wanted)));
      if (!option || option.disabled) throw new Error(`${q.key}: ${String(wanted)} is not offered`);
      return option.value;
    },
    checkbox: async () => answer('checkbox') as never,
    input: async (q: { key: string; validate?: (text: string) => true | string }) => {
      const text = String(answer(q.key));
      const valid = q.validate?.(text) ?? true;
      if (valid !== true) throw new Error(`${q.key}: ${valid}`);
      return text;
    },
    confirm: async (q: { key: string }) => answer(q.key) as boolean,
  };
}

async function incident() {
  const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
  const { view } = await irp.start({ playbook: 'time', title: 'Review', actor: { name: 'Ana', role: 'lead' } });
  return { irp, clock, id: view.id };
}

function ioWith(prompter: Prompter, clock: ManualClock): RunnerIo & { refusals: string[] } {
  const refusals: string[] = [];
  return { command: (args) => `irp ${args}`, prompter, clock, print: () => undefined, recorded: () => undefined, refused: (e) => refusals.push(e.message), refusals };
}

const session = () => ({ actor: { name: 'Ana', role: 'lead' } });
const page = async () => undefined;

describe("the runner's review of an incident", () => {
  it('records a lesson, an action with its owner and due date, and what closed it', async () => {
    const { irp, clock, id } = await incident();
    let report: IncidentReport = await irp.status(id);
    const act = async (answers: Record<string, unknown>) => {
      const io = ioWith(keyed(answers), clock);
      const recorded = await performAction(irp, report, undefined, { kind: 'review' }, io, session(), page);
      expect(io.refusals).toEqual([]);
      report = recorded ?? report;
      return recorded;
    };
    await act({ 'review.about': 'lesson', 'review.text': 'The bridge needs a second loggist' });
    await act({ 'review.about': 'action', 'review.text': 'Train two more loggists', 'review.owner': 'Ben Shah', 'review.due': '2022-09-30' });
    const action = report.view.actions.find((entry) => entry.text === 'Train two more loggists');
    expect(action).toMatchObject({ owner: 'Ben Shah', due: '2022-09-30' });
    expect(action?.closed).toBeUndefined();
    await act({ 'review.about': 'closure', 'review.closes': action?.seq, 'review.text': 'Two loggists trained on 20 September' });
    const notes = (await irp.log(id)).filter((event) => event.kind === 'note');
    expect(notes.map((event) => (event.kind === 'note' ? { about: event.data.about, owner: event.data.owner, due: event.data.due, closes: event.data.closes } : undefined))).toEqual([
      { about: 'lesson', owner: undefined, due: undefined, closes: undefined },
      { about: 'action', owner: 'Ben Shah', due: '2022-09-30', closes: undefined },
      { about: 'closure', owner: undefined, due: undefined, closes: action?.seq },
    ]);
    expect(report.view.actions.find((entry) => entry.seq === action?.seq)?.closed).toMatchObject({ by: 'Ana', text: 'Two loggists trained on 20 September' });
  });

  it('refuses a due date that is not a date, recording nothing', async () => {
    const { irp, clock, id } = await incident();
    const io = ioWith(keyed({ 'review.about': 'action', 'review.text': 'Train loggists', 'review.owner': 'Ben', 'review.due': '2022-02-30' }), clock);
    await expect(performAction(irp, await irp.status(id), undefined, { kind: 'review' }, io, session(), page)).rejects.toThrow('review.due');
    expect((await irp.log(id)).some((event) => event.kind === 'note')).toBe(false);
  });
});

describe("the runner's notification drafts", () => {
  it('records the draft as sent, with its text, to whom and how, only when the commander says so', async () => {
    const { irp, clock, id } = await incident();
    const report = await irp.status(id);
    const clockId = report.clocks[0]?.clock.id as string;
    const shown: string[] = [];
    const notSent = await performAction(irp, report, undefined, { kind: 'draft', clock: clockId }, ioWith(keyed({ sent: false }), clock), session(), async (text) => void shown.push(text));
    expect(notSent).toBeUndefined();
    const sent = await performAction(irp, report, undefined, { kind: 'draft', clock: clockId }, ioWith(keyed({ sent: true, 'sent.to': 'ICO', 'sent.via': 'the breach report form' }), clock), session(), async (text) => void shown.push(text));
    expect(sent).toBeDefined();
    const record = (await irp.log(id)).filter((event) => event.kind === 'notification.sent');
    expect(record).toHaveLength(1);
    expect(record[0]).toMatchObject({ actor: { name: 'Ana' }, data: { clock: clockId, to: 'ICO', via: 'the breach report form' } });
    expect(shown).toHaveLength(2);
    expect(record[0]?.kind === 'notification.sent' && shown[1]?.includes(record[0].data.text.slice(0, 40))).toBe(true);
  });
});
