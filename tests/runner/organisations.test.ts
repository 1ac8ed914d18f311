// More › Organisations… in the runner, as the supplier's DPO and a customer's commander use it: every question asked
// by its key, and what it records checked in the records of both incidents.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFromIncident } from '../../src/api/exchange.ts';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { performAction } from '../../src/runner/performAction.ts';
import type { Option, Prompter } from '../../src/runner/prompter.ts';
import type { RunnerIo, Session } from '../../src/runner/runnerIo.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

type Answer = [key: string, value: unknown];

/** Answers each question in turn, checking it is the one expected; a select's answer must be one of its options, and not greyed. */
class KeyedPrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly answers: Answer[]) {}
  #next(key: string): unknown {
    this.asked.push(key);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`no answer left for ${key}`);
    expect(key).toBe(answer[0]);
    return answer[1];
  }
  async select<V>(q: { key: string; options: ReadonlyArray<Option<V>> }): Promise<V> {
    const value = this.#next(q.key);
    const option = q.options.find((o) => o.value === value);
    expect(option, `${q.key}: ${String(value)} among ${q.options.map((o) => String(o.value)).join(', ')}`).toBeDefined();
    expect(option?.disabled, `${q.key}: ${String(value)} is greyed`).toBeUndefined();
    return value as V;
  }
  async checkbox<V>(q: { key: string }): Promise<V[]> {
    return this.#next(q.key) as V[];
  }
  async input(q: { key: string; default?: string }): Promise<string> {
    const value = this.#next(q.key);
    return value === undefined ? (q.default ?? '') : String(value);
  }
  async confirm(q: { key: string }): Promise<boolean> {
    return this.#next(q.key) as boolean;
  }
}

const dpo = { name: 'Dee Shah', role: 'dpo' };
const commander = { name: 'Cat Jones', role: 'incident-commander' };

function io(prompter: Prompter, clock: ManualClock, printed: string[]): RunnerIo {
  return { command: (args) => `irp ${args}`, prompter, clock, print: (text) => printed.push(text), recorded: () => undefined, refused: (error) => printed.push(`REFUSED ${error.message}`) };
}

describe('Organisations… in the runner', () => {
  it('records a duty for every customer still owed it, and a customer takes the notice in and acknowledges it', async () => {
    const clock = new ManualClock(new Date('2022-08-04T07:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache')), clock });
    const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Supplier outage', awareAt: new Date('2022-08-04T06:00:00Z'), actor: dpo });
    const supplier = view.id;
    const printed: string[] = [];
    const page = async (text: string) => void printed.push(text);

    // The DPO adds a customer from the runner, then records it told.
    const add = new KeyedPrompter([
      ['organisations', 'add'],
      ['org.name', 'NHS 111 North West'],
      ['org.id', undefined], // the id suggested from the name
      ['org.nation', 'England'],
      ['org.kinds', ['controller', 'nhs-body']],
      ['org.products', 'Adastra, Odyssey'],
      ['org.noticeHours', '12'],
    ]);
    const session: Session = { actor: dpo };
    let report = await irp.status(supplier);
    await performAction(irp, report, undefined, { kind: 'organisations' }, io(add, clock, printed), session, page);
    report = await irp.status(supplier);
    expect(report.register?.organisations.map((o) => [o.organisation.id, o.organisation.products, o.organisation.noticeHours])).toEqual([['nhs-111-north-west', ['Adastra', 'Odyssey'], 12]]);

    const tell = new KeyedPrompter([
      ['organisations', 'duty'],
      ['duty', 'availability-notice'],
      ['duty.who', 'all'],
      ['duty.how', 'phone call to the on-call director'],
      ['duty.reference', ''],
      ['at', undefined], // now
      ['confirm.duty', true],
    ]);
    await performAction(irp, report, undefined, { kind: 'organisations' }, io(tell, clock, printed), session, page);
    report = await irp.status(supplier);
    expect(report.register?.duties.find((d) => d.duty === 'availability-notice')).toMatchObject({ owed: 1, done: 1 });
    expect(report.view.events.at(-1)).toMatchObject({ kind: 'organisation.duty', data: { organisation: 'nhs-111-north-west', duty: 'availability-notice', how: 'phone call to the on-call director' }, actor: dpo });

    // The customer's incident, opened from the supplier's on the same store; the supplier then tells its restore point.
    clock.advance(3_600_000);
    const customer = (await openFromIncident(irp, { playbook: 'provider-supplier-outage', supplier, organisation: 'nhs-111-north-west', actor: commander, now: clock.now() })).view.id;
    const restore = new KeyedPrompter([
      ['organisations', 'duty'],
      ['duty', 'restore-point'],
      ['duty.product', 'Odyssey'],
      ['duty.who', 'some'],
      ['duty.organisations', ['nhs-111-north-west']],
      ['duty.how', 'signed notice'],
      ['duty.reference', ''],
      ['payload.restorePoint', '2022-07-31T06:00:00Z'],
      ['payload.lastGoodCopy', ''],
      ['payload.outageAt', '2022-08-04T06:00:00Z'],
      ['at', undefined],
      ['confirm.duty', true],
    ]);
    await performAction(irp, await irp.status(supplier), undefined, { kind: 'organisations' }, io(restore, clock, printed), session, page);

    // At the customer: "Notices from Supplier outage…": take in the new notice, then acknowledge both.
    const customerSession: Session = { actor: commander };
    let mine = await irp.status(customer);
    expect(mine.linked).toMatchObject({ incident: supplier, received: 1, acknowledged: 0 });
    const pull = new KeyedPrompter([['organisations', 'pull']]);
    await performAction(irp, mine, undefined, { kind: 'organisations' }, io(pull, clock, printed), customerSession, page);
    expect(printed).toContain('Took in 1 notice.');
    const ack = new KeyedPrompter([['organisations', 'ack']]);
    mine = await irp.status(customer);
    await performAction(irp, mine, undefined, { kind: 'organisations' }, io(ack, clock, printed), customerSession, page);
    expect(printed).toContain("Acknowledged 2 notices in the supplier's incident.");
    const { register } = await irp.register(supplier);
    expect(register.notices).toEqual({ sent: 2, acknowledged: 2 });
    expect((await irp.status(customer)).linked).toMatchObject({ received: 2, acknowledged: 2 });
    expect(printed.filter((line) => line.startsWith('REFUSED'))).toEqual([]);
  });
});
