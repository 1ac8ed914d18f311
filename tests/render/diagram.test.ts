// irp diagram: the playbook as Mermaid text and as an SVG statechart laid out without a browser; with an incident,
// where it is and the path it took. The SVG's layout is checked in Chromium (reportInChromium.test.ts).
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('irp diagram', () => {
  it('writes Mermaid: phases as composite states, parallel regions apart, each step with its role, guards and timers on the arrows', async () => {
    const { stdout } = await runIrpOk(['diagram', 'supplier-ransomware', '--format', 'mermaid'], { IRP_STATE_DIR: tempDir() });
    expect(stdout.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(stdout).toContain('  state "Respond" as s_response {');
    expect(stdout).toMatch(/^ {4}--$/m); // the regions of the parallel response, side by side
    expect(stdout).toContain('state "Declare the incident (Incident commander)" as s_declare');
    expect(stdout).toContain('  [*] --> s_declare');
    expect(stdout).toContain('  s_response_technical_restore --> s_response_technical_assurance #58; Data restored [backupsVerifiedClean]'.replace(' #58;', ' :'));
    expect(stdout).toContain('  s_response_technical_monitor --> s_response_technical_done : 14 days of monitoring without re-infection after 14d 0h');
    // Every state declared once, every arrow between declared states.
    const declared = new Set([...stdout.matchAll(/ as (s_\w+)/g)].map((m) => m[1]));
    for (const [, from, to] of stdout.matchAll(/^ {2}(s_\w+) --> (s_\w+) :/gm)) {
      expect(declared.has(from), from).toBe(true);
      expect(declared.has(to), to).toBe(true);
    }
  });

  it('draws SVG without a browser, and with an incident marks where it is and the way it came', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel' };
    const { stdout: svg } = await runIrpOk(['diagram', 'supplier-ransomware'], env);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('>Restore data from verified</text>');
    expect(svg).not.toContain('class="step current"');
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'T', '--json'], env)).stdout).id as string;
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    const { stdout: marked } = await runIrpOk(['diagram', '--incident', id], env);
    expect(marked.match(/class="step current"/g)?.length).toBe(12); // every workstream's first step, side by side
    expect(marked).toContain('class="step visited"'); // the declaration, passed
    expect(marked).toMatch(/stroke="#1f5fa8" stroke-width="2.6"/); // the move it made, bold
    const mermaid = (await runIrpOk(['diagram', '--incident', id, '--format', 'mermaid'], env)).stdout;
    expect(mermaid).toContain('  class s_declare visited');
  });

  it('refuses a playbook that is not the incident\'s, and asks for a playbook when given none', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam' };
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'T', '--json'], env)).stdout).id as string;
    const wrong = await runIrp(['diagram', 'provider-supplier-outage', '--incident', id], env);
    expect(wrong).toMatchObject({ code: 2, stderr: expect.stringContaining(`Incident ${id} runs under supplier-ransomware, not provider-supplier-outage`) });
    expect(await runIrp(['diagram'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('Name a playbook (pathology-supplier-outage, provider-supplier-outage, supplier-ransomware), or give --incident <id>.') });
  });
});
