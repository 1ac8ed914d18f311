// A notice as sent (issue 24, item 2): `irp notify … --sent` keeps to whom, how, and the exact text with its SHA-256
// in the record; the reports list it; a missing part is refused with exit 2 and nothing recorded.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

async function declared() {
  const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
  const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware on Staffplan', '--aware-at', '07:00'], env);
  await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
  await runIrpOk(['step', id, 'DECLARE', '--rationale', 'Servers encrypting on the Staffplan estate'], env);
  return { id, env };
}

describe('irp notify --sent', () => {
  it('records the draft as it was printed, to whom and how, with the SHA-256 of its text, and the report lists it', async () => {
    const { id, env } = await declared();
    const printed = (await runIrpOk(['notify', id, 'ncsc', '--format', 'txt'], env)).stdout;
    const out = await runIrpOk(['notify', id, 'ncsc', '--sent', '--to', 'NCSC incident team', '--via', 'NCSC incident reporting form'], env);
    expect(out.stdout.replace(/\s+/g, ' ')).toContain('notice sent to NCSC incident team (Report to the National Cyber Security Centre) by NCSC incident reporting form; text SHA-256 ');
    const sent = (await runIrpJson<RecordedEvent[]>(['log', id], env)).at(-1) as Extract<RecordedEvent, { kind: 'notification.sent' }>;
    expect(sent).toMatchObject({ kind: 'notification.sent', actor: { name: 'Sam Patel' }, data: { clock: 'ncsc', to: 'NCSC incident team', via: 'NCSC incident reporting form' } });
    expect(sent.data.text).toBe(printed);
    expect(sent.data.sha256).toBe(createHash('sha256').update(sent.data.text, 'utf8').digest('hex'));
    const report = (await runIrpOk(['exercise', 'report', id], env)).stdout;
    expect(report).toContain('## Notices as sent');
    expect(report).toContain(`| ${sent.seq} | Thu 4 Aug 2022 09:30 BST | Report to the National Cyber Security Centre | NCSC incident team | NCSC incident reporting form | Sam Patel | ${sent.data.sha256} |`);
    expect((await runIrp(['verify', id], env)).code).toBe(0);
  });

  it('records the exact text of a file where the text sent was edited, dated when it was sent', async () => {
    const { id, env } = await declared();
    const file = join(tempDir(), 'sent.txt');
    writeFileSync(file, 'To the ICO\nWe are writing to tell you of a ransomware attack…\n');
    await runIrpOk(['notify', id, 'ico', '--sent', '--to', 'ICO', '--via', 'ICO breach report form', '--text-file', file, '--at', '09:20'], env);
    const sent = (await runIrpJson<RecordedEvent[]>(['log', id], env)).at(-1) as Extract<RecordedEvent, { kind: 'notification.sent' }>;
    expect(sent.data.text).toBe('To the ICO\nWe are writing to tell you of a ransomware attack…\n');
    expect(sent.occurredAt).toBe('2022-08-04T08:20:00.000Z');
  });

  it('refuses a notice sent without to whom or how, or a file it cannot read, exit 2, nothing recorded', async () => {
    const { id, env } = await declared();
    const before = await runIrpJson<unknown[]>(['log', id], env);
    for (const [args, says] of [
      [['--sent', '--via', 'form'], '--sent needs --to'],
      [['--sent', '--to', 'ICO'], '--sent needs --via'],
      [['--sent', '--to', 'ICO', '--via', 'form', '--text-file', join(tempDir(), 'none.txt')], 'none.txt'],
      [['--to', 'ICO'], '--to is for recording a notice sent: add --sent.'],
    ] as const) {
      const result = await runIrp(['notify', id, 'ico', ...args], env);
      expect(result.code, says).toBe(2);
      expect(result.stderr).toContain(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await runIrpJson<unknown[]>(['log', id], env)).toEqual(before);
  });
});
