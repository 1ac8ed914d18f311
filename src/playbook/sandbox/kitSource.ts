/**
 * The code that runs inside a playbook's sandbox before the playbook does (see playbookSandbox.ts), as text: the
 * sandbox is a JavaScript realm of its own, and nothing of irp's realm may be handed to it.
 *
 * It gives the playbook stand-ins for the three modules a playbook may import. None of them runs xstate or zod: they
 * note what the playbook builds, and irp builds the same machine and schemas from that description with its own
 * xstate and zod, outside the sandbox.
 * - `xstate`: `setup`, `createMachine`, `assign`, `and`, `or`, `not` return marked descriptions;
 * - `zod`: every property read and call on `z` is noted as a chain (`z.string().trim().min(1)`), which irp replays
 *   against an allow-list of zod's builders and methods;
 * - `irp/playbook`: the authoring kit (src/playbook/authoringKit.ts), written again here on the stand-ins (a test in
 *   tests/playbook/sandbox.test.ts holds the two to the same machines and schemas).
 *
 * Before the playbook runs, the realm's clock and chance are taken away: `Date.now()`, `Date()`, `new Date()` without
 * a time, `Math.random()` and an `Intl.DateTimeFormat` asked to format no date throw, naming themselves. A playbook's functions must answer from their arguments alone
 * (irp keeps their answers between runs, and a record replayed through them must give the same incident every
 * time); dates it is given or writes itself are read as ever.
 *
 * `__irpDescribe()` turns the playbook's default export into JSON, its functions (guards, assign's functions, delays,
 * a context function) numbered in a table; `__irpCall(json)` calls one of them with JSON arguments and answers JSON;
 * `__irpProbe(json)` calls a guard on stand-ins that note every property it reads (for irp lint), and fails if it
 * reaches for the clock or chance. Only strings go in and out.
 */
export const kitSource = (zodNames: readonly string[]): string => String.raw`
'use strict';
(() => {
  // No clock and no chance: see above.
  const NOT_FOR_A_PLAYBOOK = Symbol('not for a playbook');
  const notForAPlaybook = (what) => {
    const error = new Error(what + ' is not for a playbook: its functions answer from their arguments alone (a time it needs is a field of the data of the decision)');
    error[NOT_FOR_A_PLAYBOOK] = true;
    throw error;
  };
  const RealDate = Date;
  const PlaybookDate = function Date(...args) {
    if (new.target === undefined) notForAPlaybook('Date()');
    if (args.length === 0) notForAPlaybook('new Date() without a time');
    return Reflect.construct(RealDate, args, new.target === PlaybookDate ? RealDate : new.target);
  };
  Object.defineProperties(PlaybookDate, {
    prototype: { value: RealDate.prototype },
    parse: { value: RealDate.parse },
    UTC: { value: RealDate.UTC },
    now: { value: () => notForAPlaybook('Date.now()') },
  });
  Object.defineProperty(RealDate.prototype, 'constructor', { value: PlaybookDate, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Date', { value: PlaybookDate, writable: true, configurable: true });
  Object.defineProperty(Math, 'random', { value: () => notForAPlaybook('Math.random()'), writable: true, configurable: true });
  // Intl formats the present when it is given no date.
  const formats = Intl.DateTimeFormat.prototype;
  const realFormat = Object.getOwnPropertyDescriptor(formats, 'format').get;
  Object.defineProperty(formats, 'format', {
    get() {
      const format = realFormat.call(this);
      return (date) => (date === undefined ? notForAPlaybook('Intl.DateTimeFormat format() without a date') : format(date));
    },
    configurable: true,
  });
  const realFormatToParts = formats.formatToParts;
  Object.defineProperty(formats, 'formatToParts', {
    value(date) {
      return date === undefined ? notForAPlaybook('Intl.DateTimeFormat formatToParts() without a date') : realFormatToParts.call(this, date);
    },
    writable: true,
    configurable: true,
  });

  const MACHINE = Symbol('machine');
  const ASSIGN = Symbol('assign');
  const GUARD = Symbol('guard');
  const chains = new WeakMap();
  const functions = [];
  const names = [];

  // zod, noted: every read and call on z becomes a step of a chain.
  const noted = (chain) => {
    const proxy = new Proxy(function () {}, {
      get: (_, key) => (typeof key === 'symbol' || key === 'then' ? undefined : noted([...chain, { get: key }])),
      apply: (_, __, args) => noted([...chain, { call: args }]),
    });
    chains.set(proxy, chain);
    return proxy;
  };
  const z = noted([]);
  const zodNames = ${JSON.stringify(zodNames)};
  const zod = { z, default: z };
  for (const name of zodNames) if (!(name in zod)) zod[name] = z[name];

  // xstate, described.
  const describeMachine = (implementations, config) => ({ [MACHINE]: { implementations: implementations || {}, config } });
  const xstate = {
    setup: (implementations) => ({ createMachine: (config) => describeMachine(implementations, config) }),
    createMachine: (config, implementations) => describeMachine(implementations, config),
    assign: (assignment) => ({ [ASSIGN]: assignment }),
    and: (guards) => ({ [GUARD]: { op: 'and', guards } }),
    or: (guards) => ({ [GUARD]: { op: 'or', guards } }),
    not: (guard) => ({ [GUARD]: { op: 'not', guards: [guard] } }),
  };

  // The authoring kit (src/playbook/authoringKit.ts), on the stand-ins.
  const MINUTE = 60000;
  const kit = {
    definePlaybook: (definition) => definition,
    minutes: (count) => String(count * MINUTE),
    hours: (count) => String(count * 60 * MINUTE),
    days: (count) => String(count * 24 * 60 * MINUTE),
    duty: (spec) => spec,
    notification: (step) => {
      const { on, ...meta } = step;
      return { initial: 'pending', states: { pending: { meta: { ...meta, notification: true }, on }, done: { type: 'final' } } };
    },
    field: (schema, label, ask) => ({ schema: schema.meta({ ...(ask || {}), title: label }), label }),
    payload: (fields) => ({
      schema: z.object(Object.fromEntries(Object.entries(fields).map(([id, declared]) => [id, declared.schema]))),
      record: Object.entries(fields).map(([id, declared]) => ({ id, label: declared.label })),
      read: (event) => (typeof event === 'object' && event !== null ? event : {}),
    }),
  };

  globalThis.__irpSharedModules__ = { xstate, zod, 'irp/playbook': kit };

  // The definition as JSON. Functions are numbered; what JSON cannot say is marked with a key starting "\u0000".
  const data = (value, path) => {
    if (value === undefined) return { '\u0000undefined': true };
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(path + ': a number that is not finite cannot be described');
      return value;
    }
    if (chains.has(value)) return { '\u0000zod': chains.get(value).map((step) => ('call' in step ? { call: step.call.map((arg, i) => data(arg, path + '(' + i + ')')) } : step)) };
    if (typeof value === 'function') {
      let index = functions.indexOf(value);
      if (index < 0) {
        index = functions.length;
        functions.push(value);
        names.push(path);
      }
      return { '\u0000fn': index, name: path };
    }
    if (typeof value !== 'object') throw new Error(path + ': a ' + typeof value + ' cannot be described');
    if (value instanceof RegExp) return { '\u0000regex': value.source, flags: value.flags };
    if (value[MACHINE]) {
      const { implementations, config } = value[MACHINE];
      const { types, ...rest } = implementations;
      return { '\u0000machine': { implementations: data(rest, 'setup'), config: data(config, 'machine') } };
    }
    if (value[ASSIGN] !== undefined) return { '\u0000assign': data(value[ASSIGN], path + '.assign') };
    if (value[GUARD]) return { '\u0000guard': value[GUARD].op, guards: data(value[GUARD].guards, path + '.' + value[GUARD].op) };
    if (Array.isArray(value)) return value.map((item, i) => data(item, path + '[' + i + ']'));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw new Error(path + ': only plain objects, arrays, text, numbers and yes/no can be described');
    const out = {};
    for (const key of Object.keys(value)) {
      if (key.startsWith('\u0000')) throw new Error(path + ': a key may not start with a NUL character');
      out[key] = data(value[key], path + '.' + key);
    }
    return out;
  };

  // What a function gives back, as JSON: plain data only.
  const plain = (value, path) => {
    if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (Array.isArray(value)) return value.map((item, i) => plain(item, path + '[' + i + ']'));
    if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
      const out = {};
      for (const key of Object.keys(value)) out[key] = plain(value[key], path + '.' + key);
      return out;
    }
    throw new Error('it gave back a ' + typeof value + ' at ' + path + ', not plain data');
  };

  globalThis.__irpDescribe = () => {
    const exported = globalThis.__irpModule__.exports;
    const definition = exported && typeof exported === 'object' && 'default' in exported ? exported.default : undefined;
    return JSON.stringify(data(definition, 'definition'));
  };

  globalThis.__irpCall = (json) => {
    const { fn, args, params } = JSON.parse(json);
    const result = functions[fn](args, params);
    if (result && typeof result.then === 'function') throw new Error('it returned a promise: a playbook function must answer at once');
    return JSON.stringify({ value: plain(result, names[fn]) });
  };

  // A guard called on stand-ins that note every property read of its context and event.
  globalThis.__irpProbe = (json) => {
    const { fn } = JSON.parse(json);
    const reads = { context: [], event: [] };
    const recorder = (list) => new Proxy({}, { get: (_, key) => { if (typeof key === 'string' && key !== 'type' && key !== 'then' && key !== 'toJSON' && !list.includes(key)) list.push(key); return undefined; } });
    try {
      functions[fn]({ context: recorder(reads.context), event: recorder(reads.event) }, undefined);
    } catch (error) {
      // Reading a field of a stand-in's missing value throws; what was read before is known. Reaching for the
      // clock or chance is the playbook's mistake, and irp lint says so.
      if (error !== null && typeof error === 'object' && error[NOT_FOR_A_PLAYBOOK] === true) throw error;
    }
    return JSON.stringify(reads);
  };
})();
`;
