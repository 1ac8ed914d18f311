import { join } from 'node:path';
import { keptLondonOffsets } from '../cache/keptLondonOffsets.ts';
import { keepSandboxAnswers } from '../playbook/sandbox/playbookSandbox.ts';
import { londonOffsetsLookedUp, rememberLondonOffsets } from '../time/london.ts';

/**
 * What one command leaves for the next to start faster, under the state folder's cache: what playbooks' functions
 * answered (src/cache/keptAnswers.ts) and London's offsets from UTC (src/cache/keptLondonOffsets.ts). Taken up as a
 * command starts; `keep` is called as it ends, whatever the outcome.
 */
export function takeUpKept(stateDir: string): { keep(): void } {
  const london = keptLondonOffsets(join(stateDir, '.cache', 'london-offsets.json'));
  const known = london.read();
  rememberLondonOffsets(known);
  return {
    keep() {
      keepSandboxAnswers();
      london.write(known, londonOffsetsLookedUp());
    },
  };
}
