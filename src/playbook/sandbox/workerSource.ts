/**
 * The worker thread that holds playbooks' sandboxes (see playbookSandbox.ts), as text for `new Worker(…, { eval })`.
 *
 * Each playbook gets a realm of its own (`vm.createContext` on an object with no prototype, so that nothing of the
 * worker's realm is reachable from it), in which text cannot be compiled as code (`codeGeneration: { strings: false,
 * wasm: false }`: no eval, no Function constructor) and promises' callbacks run before the call that queued them
 * returns (`microtaskMode: 'afterEvaluate'`), so that a call is over when it answers. Only strings cross: the
 * playbook's compiled code and JSON arguments in, JSON out. The worker itself is bounded by the thread that asks
 * (time) and by its resource limits (memory).
 *
 * It does nothing but serve irp: it waits on shared memory for a request, answers it, and waits again (see TURN in
 * playbookSandbox.ts). Strict mode throughout, so that no stack frame of this worker's own lends its `this` or
 * function to a playbook that collects call sites.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const vm = require('node:vm');
const { control, capacity } = workerData;
const requestText = Buffer.from(workerData.request);
const answerText = Buffer.from(workerData.answer);
const TURN = { idle: 1, asked: 2, answered: 3 };
const realms = new Map();

const inRealm = (realm, source, name) => new vm.Script(source, { filename: name }).runInContext(realm);
// Compiled once and run in any realm.
const DESCRIBE = new vm.Script('__irpDescribe()', { filename: 'irp-describe.js' });
const CALL = new vm.Script('__irpCall(__irpRequest)', { filename: 'irp-call.js' });
const PROBE = new vm.Script('__irpProbe(__irpRequest)', { filename: 'irp-probe.js' });

function handle(request) {
  if (request.op === 'load') {
    // One realm for each playbook's code, however often it is loaded: realms are large, and slow to be freed.
    const known = realms.get(request.key);
    if (known) return DESCRIBE.runInContext(known);
    const realm = vm.createContext(Object.create(null), { name: request.key, microtaskMode: 'afterEvaluate', codeGeneration: { strings: false, wasm: false } });
    inRealm(realm, request.kit, 'irp-playbook-kit.js');
    inRealm(realm, '(function (module, exports) {' + request.code + '\n}).call(undefined, globalThis.__irpModule__ = { exports: {} }, globalThis.__irpModule__.exports)', request.file);
    realms.set(request.key, realm);
    return DESCRIBE.runInContext(realm);
  }
  const realm = realms.get(request.key);
  if (!realm) throw new Error('no playbook ' + request.key + ' is loaded here');
  realm.__irpRequest = request.json;
  return (request.op === 'probe' ? PROBE : CALL).runInContext(realm);
}

function answer(text, failed) {
  if (Buffer.byteLength(text) > capacity) {
    text = 'its answer is larger than ' + (capacity >> 20) + ' MiB';
    failed = true;
  }
  control[2] = answerText.write(text, 0);
  control[3] = failed ? 1 : 0;
  Atomics.store(control, 0, TURN.answered);
  Atomics.notify(control, 0);
}

Atomics.store(control, 0, TURN.idle);
Atomics.notify(control, 0);
for (;;) {
  // While a record is replayed, the next request follows within microseconds: look for it for a while (some
  // 100 microseconds) before sleeping, as waking a sleeping thread costs more than the call.
  for (let i = 0; i < 20000 && Atomics.load(control, 0) !== TURN.asked; i += 1);
  for (let turn = Atomics.load(control, 0); turn !== TURN.asked; turn = Atomics.load(control, 0)) Atomics.wait(control, 0, turn);
  try {
    const value = handle(JSON.parse(requestText.toString('utf8', 0, control[1])));
    answer(typeof value === 'string' ? value : 'null', false);
  } catch (error) {
    let message;
    try {
      message = error !== null && typeof error === 'object' && typeof error.message === 'string' ? error.message : String(error);
    } catch {
      message = 'something that cannot be read as text was thrown';
    }
    answer(String(message).slice(0, 2000), true);
  }
}
`;
