/**
 * The library API: the same operations as the CLI, for tools that drive an incident without it.
 *
 * @example
 * const irp = openIrp({ stateDir: 'state', playbooksDir: 'playbooks' });
 * const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware', actor: { name: 'Sam' } });
 * await irp.step(view.id, { event: 'DECLARE' }, { actor: { name: 'Sam' } });
 */
import type { FoldCheckpoint } from './engine/foldCheckpoint.ts';
import { join, resolve } from 'node:path';
import { Irp } from './api/irp.ts';
import { PlaybookCatalog } from './playbook/playbookCatalog.ts';
import { FileCheckpointCache } from './cache/checkpointCache.ts';
import { openStore } from './store/openStore.ts';
import type { IncidentStore } from './store/incidentStore.ts';
import { systemClock, type Clock } from './time/clock.ts';

export { Irp } from './api/irp.ts';
export type { ActorInput, CommandInput, IncidentReport, IncidentSummary, RecordOptions, VerifyResult } from './api/irp.ts';
export type { Command } from './engine/command.ts';
export type { Blocker } from './engine/blockers.ts';
export type { ActiveStep, Choice, IncidentView, PendingTimer } from './engine/incidentView.ts';
export { deriveIncident } from './engine/deriveIncident.ts';
export { UserError, ConcurrencyError, DamagedRecordError, IncidentExistsError, invalidInput, isProblem, type Problem, type ProblemCode } from './errors.ts';
export { findingText, problemText } from './problems/problemText.ts';
export type { PlaybookFinding } from './problems/problem.ts';
export { StorageError } from './store/storageError.ts';
export { LockTimeoutError } from './store/fileLock.ts';
export type { RecordHead, Seal, SealCheck, HeadCheck } from './record/seal.ts';
export type { ClockState, ClockStart } from './clocks/clockStatus.ts';
export { PlaybookCatalog } from './playbook/playbookCatalog.ts';
export type { LoadedPlaybook } from './playbook/loadedPlaybook.ts';
export { definePlaybook } from './playbook/definePlaybook.ts';
export type { PlaybookDefinition, DecisionSpec, StepMeta } from './playbook/definePlaybook.ts';
export { chainEvents, findChainProblem } from './record/hashChain.ts';
export type { RecordedEvent, Actor } from './record/recordedEvent.ts';
export type { IncidentStore } from './store/incidentStore.ts';
export { FileIncidentStore } from './store/fileIncidentStore.ts';
export { MemoryIncidentStore } from './store/memoryIncidentStore.ts';
export { PgIncidentStore } from './store/pgIncidentStore.ts';
export { fixedClock, ManualClock, systemClock, type Clock } from './time/clock.ts';
export { parseTime } from './input/parseTime.ts';

/** Opens the embedded store in `stateDir` with the playbooks of `playbooksDir`. */
export function openIrp(options: { stateDir: string; playbooksDir: string; clock?: Clock; store?: IncidentStore }): Irp {
  const stateDir = resolve(options.stateDir);
  return new Irp({
    store: options.store ?? openStore(undefined, stateDir),
    catalog: new PlaybookCatalog(resolve(options.playbooksDir), join(stateDir, '.cache', 'playbooks')),
    clock: options.clock ?? systemClock,
    checkpoints: new FileCheckpointCache<FoldCheckpoint>(join(stateDir, '.cache', 'derived')),
  });
}
