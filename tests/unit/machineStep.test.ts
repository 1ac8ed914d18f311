// The quick step for assign-only decisions gives exactly the snapshot XState's own step gives, and the steps after
// it go on exactly as they would have.
import { join } from 'node:path';
import type { AnyMachineSnapshot, EventObject } from 'xstate';
import { describe, expect, it } from 'vitest';
import { assignOnlyStep, initialStep, machineStep, xstateStep } from '../../src/engine/machineStep.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { decisionOf, walkthrough } from '../helpers/walkthrough.ts';

const essence = (snapshot: AnyMachineSnapshot) => ({
  value: snapshot.value,
  context: snapshot.context,
  status: snapshot.status,
  historyValue: Object.keys((snapshot as unknown as { historyValue: object }).historyValue ?? {}),
  tags: [...snapshot.tags].sort(),
});

describe('the quick step', () => {
  it('matches XState step by step through the supplier playbook, assign-only decisions among the others', async () => {
    const playbook = await new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache')).load('supplier-ransomware');
    const machine = playbook.machine;
    const events: EventObject[] = [];
    for (const [command, ...args] of walkthrough) {
      if (command !== 'step') continue;
      const { event, payload } = decisionOf(args);
      events.push({ type: event, ...payload });
      // Between the real decisions, decisions that only record (checked backups, unknown events too).
      events.push({ type: 'BACKUPS_CHECKED', backupSet: `set ${events.length}`, backupsClean: true } as EventObject, { type: 'NOT_AN_EVENT' });
    }
    let quick = initialStep(machine)[0];
    let slow = quick;
    let shortcuts = 0;
    for (const event of events) {
      const [nextQuick, quickActions] = machineStep(machine, quick, event);
      const [nextSlow, slowActions] = xstateStep(machine, slow, event);
      expect(essence(nextQuick), event.type).toEqual(essence(nextSlow));
      if (quickActions.length === 0 && slowActions.length > 0) throw new Error(`${event.type}: the quick step dropped actions`);
      // The quick step was really taken where it applies, and only there.
      const took = assignOnlyStep(machine, quick, event) !== undefined;
      if (took) shortcuts += 1;
      if (took) expect(['BACKUPS_CHECKED', 'SERVICE_RESTORED'], event.type).toContain(event.type); // the two that record without moving
      expect(nextQuick.can({ type: 'CLOSE' })).toBe(nextSlow.can({ type: 'CLOSE' }));
      quick = nextQuick;
      slow = nextSlow;
    }
    expect(shortcuts).toBeGreaterThanOrEqual(3); // while the restore and reconnection steps are active
    expect(quick.status).toBe('done');
  });
});
