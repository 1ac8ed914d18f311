// A writer process for the reliability suite: appends notes to one incident through the library API (the built
// dist/index.js) and prints "ack <label>" after each append irp acknowledged. A conflict with another writer is
// not an acknowledgement: it is tried again. Usage: node apiWriter.mjs <stateDir> <playbooksDir> <incident> <label> <count>
import { ConcurrencyError, openIrp } from '../../../dist/index.js';

const [stateDir, playbooksDir, incident, label, countText] = process.argv.slice(2);
const irp = openIrp({ stateDir, playbooksDir });
for (let i = 0; i < Number(countText); i += 1) {
  const text = `${label}-${i}`;
  for (;;) {
    try {
      await irp.note(incident, text, { actor: { name: label, role: 'loggist' } });
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
  process.stdout.write(`ack ${text}\n`);
}
