// Run as a child of the benchmark: derives one incident from disk with no caches, in a process of its own (plain
// JavaScript on the built library, so that no loader's memory is counted), and prints the time and the process's
// peak memory as JSON.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openIrp } from 'irp';

const [stateDir, playbooksDir, incident] = process.argv.slice(2);
const irp = openIrp({ stateDir, playbooksDir });
await irp.catalog.load('supplier-ransomware'); // the playbook compiled, as on any machine that used irp before
rmSync(join(stateDir, '.cache', 'verified'), { recursive: true, force: true });
rmSync(join(stateDir, '.cache', 'derived'), { recursive: true, force: true });
const start = performance.now();
const report = await irp.status(incident);
const ms = performance.now() - start;
process.stdout.write(JSON.stringify({ ms, events: report.view.events.length, peakMiB: process.resourceUsage().maxRSS / 1024 }));
