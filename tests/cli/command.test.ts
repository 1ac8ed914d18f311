// One person in command: the commander hands it over; anyone else takes it over, saying why, for everyone to see.
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson, runIrpOk, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('command of an incident', () => {
  it('is handed over by the commander, or taken over with a reason, never simply assigned', async () => {
    const stateDir = tempDir();
    const as = (name: string) => ({ IRP_STATE_DIR: stateDir, IRP_NOW: '2022-08-04T09:00:00+01:00', IRP_ACTOR: name });
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'T', '--aware-at', '08:30'], as('Ana Ruiz'));
    const log = () => runIrpJson<unknown[]>(['log', id, '--json'], as('Ana Ruiz'));
    const before = (await log()).length;

    // Ben makes himself incident commander: refused, and so is a handover by someone not in command.
    const role = await runIrp(['role', id, 'incident-commander', 'Ben Okafor'], as('Ben Okafor'));
    expect(role.code).toBe(2);
    expect(squash(role.stderr)).toContain('Incident commander is who is in command (Ana Ruiz): command is handed over, or taken over with a reason, never simply assigned. The commander hands it over with irp handover');
    const handover = await runIrp(['handover', id, 'Ben Okafor'], as('Ben Okafor'));
    expect(handover.code).toBe(2);
    expect(squash(handover.stderr)).toContain(`Ben Okafor is not in command of incident ${id}: Ana Ruiz is.`);
    expect(squash(handover.stderr)).toContain('--takeover "why"');
    expect(await log()).toHaveLength(before);

    // Ana unreachable: Ben takes over, with the reason, which the status shows beside who is in command.
    await runIrpOk(['handover', id, 'Ben Okafor', '--takeover', 'Ana unreachable since 08:45; her phone is off'], as('Ben Okafor'));
    const status = squash((await runIrpOk(['status', id], as('Ben Okafor'))).stdout);
    expect(status).toContain('In command: Ben Okafor (took over from Ana Ruiz, Thu 4 Aug 2022 09:00 BST: Ana unreachable since 08:45; her phone is off) · Incident commander: Ben Okafor');
    expect(status).not.toContain('Ana Ruiz ·');
    expect(squash((await runIrpOk(['log', id], as('Ben Okafor'))).stdout)).toContain('TOOK OVER command from Ana Ruiz: Ben Okafor (Incident commander) is in command; reason: Ana unreachable since 08:45');

    // Ana, back, is no longer in command; Ben hands it back the ordinary way, and the takeover is no longer shown.
    expect((await runIrp(['handover', id, 'Chris Lee'], as('Ana Ruiz'))).code).toBe(2);
    await runIrpOk(['handover', id, 'Ana Ruiz'], as('Ben Okafor'));
    const json = await runIrpJson<{ commander: { name: string }; takeover?: unknown; roleHolders: Record<string, { name: string }> }>(['status', id, '--json'], as('Ana Ruiz'));
    expect(json.commander.name).toBe('Ana Ruiz');
    expect(json.takeover).toBeUndefined();
    expect(json.roleHolders['incident-commander']?.name).toBe('Ana Ruiz');

    // A step given to someone, its role the step's own by default.
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], as('Ana Ruiz'));
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], as('Ana Ruiz'));
    await runIrpOk(['assign', id, 'response.scope.assess', 'Jo Li'], as('Ana Ruiz'));
    const assigned = await runIrpJson<{ steps: Array<{ path: string; assignee?: { name: string; role: string } }> }>(['status', id, '--json'], as('Ana Ruiz'));
    expect(assigned.steps.find((s) => s.path === 'response.scope.assess')?.assignee).toEqual({ name: 'Jo Li', role: 'technical-lead' });
    const bad = await runIrp(['assign', id, 'review', 'Jo Li'], as('Ana Ruiz'));
    expect(bad.code).toBe(2);
  });
});
