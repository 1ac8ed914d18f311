// A writer process for the reliability suite: runs `irp note` one after another and prints "ack <label>" after
// each that exited 0 (the CLI's acknowledgement). Killing this process's group kills the irp running at that moment.
// Usage: node cliWriter.mjs <builtCli> <incident> <label> <count>   (IRP_STATE_DIR in the environment)
import { spawnSync } from 'node:child_process';

const [cli, incident, label, countText] = process.argv.slice(2);
for (let i = 0; i < Number(countText); i += 1) {
  const text = `${label}-${i}`;
  const result = spawnSync(process.execPath, [cli, 'note', incident, text, '--actor', label, '--role', 'loggist'], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status === 0) process.stdout.write(`ack ${text}\n`);
  else process.stderr.write(result.stderr);
}
