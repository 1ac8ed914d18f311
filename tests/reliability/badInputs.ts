// The corpus of bad input: playbooks, scenarios, answers files, payloads, times, ids and paths, damaged and
// unreadable state. Each case runs the built CLI and must get a clear answer and lose nothing: exit 2, a message
// naming the file or argument, no stack trace, no "internal error", and no byte of any record changed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, playbooksDir, repoRoot } from '../helpers/paths.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { scratch } from './scratch.ts';

export interface Fixture {
  stateDir: string;
  incident: string;
  work: string;
  env: Record<string, string>;
}

export interface BadInput {
  name: string;
  args: (f: Fixture) => string[];
  /** Text the message must contain (the file, the argument, or the value at fault). */
  mentions: (f: Fixture) => string | RegExp;
  env?: Record<string, string>;
  /** Takes seconds (a lock timeout): left out of the quick pass in `npm test`. */
  slow?: boolean;
  /** Makes the files the case needs; may return another state folder to run against. */
  setup?: (f: Fixture) => string | void;
}

const NOW = '2022-08-04T10:00:00+01:00';

/** One incident, a few entries, a copy of the playbooks to break, a folder of bad files. */
export async function makeFixture(): Promise<Fixture> {
  const stateDir = scratch('irp-bad-');
  const work = scratch('irp-bad-work-');
  const env = { IRP_STATE_DIR: stateDir, IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel' };
  const incident = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Corpus', '--aware-at', '07:00'], env)).id;
  const paper = ['--reason', 'from the paper log'];
  await runIrpOk(['check', incident, 'detection-source', 'bridge-opened', 'loggist-assigned', '--at', '07:05', ...paper], env);
  await runIrpOk(['step', incident, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--at', '07:10', ...paper], env);
  await runIrpOk(['check', incident, 'clinical-impact-considered', '--at', '07:12', ...paper], env);
  await runIrpOk(['note', incident, 'Bridge open'], env);
  cpSync(playbooksDir, join(work, 'playbooks'), { recursive: true });
  return { stateDir, incident, work, env };
}

const file = (f: Fixture, name: string, content: string | Buffer) => {
  const path = join(f.work, name);
  writeFileSync(path, content);
  return path;
};

/** A copy of the supplier playbook with one change, as playbook `<id>` in its own folder beside the clock catalogue. */
function brokenPlaybook(f: Fixture, id: string, change: (source: string) => string): string {
  const dir = join(f.work, `pb-${id}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(playbooksDir, '_uk-clocks.ts'), join(dir, '_uk-clocks.ts'));
  cpSync(join(playbooksDir, '_uk-settings.ts'), join(dir, '_uk-settings.ts'));
  cpSync(join(playbooksDir, '_provider-reports.ts'), join(dir, '_provider-reports.ts'));
  const source = readFileSync(join(playbooksDir, 'supplier-ransomware.ts'), 'utf8').replaceAll('supplier-ransomware', id);
  const broken = change(source);
  if (broken === source) throw new Error(`the case for ${id} no longer changes the playbook: update its fixture`);
  writeFileSync(join(dir, `${id}.ts`), broken);
  return dir;
}

const scenario = (f: Fixture, name: string, text: string) => file(f, `${name}.scenario.yaml`, text);
const answers = (f: Fixture, name: string, text: string) => file(f, `${name}.answers.yaml`, text);
const aliasBomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
const goodScenario = () => readFileSync(join(playbooksDir, 'advanced-2022.scenario.yaml'), 'utf8');

/** A state folder of its own, so that a case that damages state damages nothing else. */
function ownState(f: Fixture, damage: (stateDir: string, record: string) => void): string {
  const stateDir = scratch('irp-bad-state-');
  cpSync(f.stateDir, stateDir, { recursive: true });
  damage(stateDir, join(stateDir, 'incidents', `${f.incident}.jsonl`));
  return stateDir;
}

const times: BadInput[] = [
  'teatime', '25:00', '09:61', '2022-02-30 07:00', '2022-13-01 07:00', '23:00', '', '-', '+5m', '7am', 'yesterday',
  '2022-08-04 07:00 BST', '2022-08-04T07:00:00+25:00', '2020-01-01 09:00', '-999999d', '2022-08-04 06:00',
].map((at) => ({ name: `--at ${JSON.stringify(at)}`, args: (f) => ['note', f.incident, 'x', '--at', at, '--reason', 'r'], mentions: () => (at === '' ? '--at' : /--at|dated|before incident/) }));
times.push(
  { name: 'back-dated without a reason', args: (f) => ['note', f.incident, 'x', '--at', '-2h'], mentions: () => '--reason' },
  { name: '--aware-at tomorrow', args: () => ['start', 'supplier-ransomware', '--title', 't', '--aware-at', 'tomorrow'], mentions: () => '--aware-at "tomorrow"' },
  { name: '--aware-at 29 February 2022', args: () => ['start', 'supplier-ransomware', '--title', 't', '--aware-at', '2022-02-29 07:00'], mentions: () => 'Feb 2022 has 28 days' },
  { name: 'IRP_NOW unreadable', args: (f) => ['status', f.incident], env: { IRP_NOW: 'soon' }, mentions: () => 'IRP_NOW' },
  { name: 'clock behind the record', args: (f) => ['note', f.incident, 'x'], env: { IRP_NOW: '2022-08-04T08:00:00+01:00' }, mentions: () => 'earlier than when the last entry' },
  { name: 'a decision dated before its step', args: (f) => ['step', f.incident, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known', '--at', '07:08', '--reason', 'r'], mentions: () => 'only became active' },
);

const ids: BadInput[] = ['../x', '../../etc/passwd', '.hidden', 'a/b', 'inc-nope', 'x'.repeat(300), 'inc%2f..', 'inc\u001b[2J', ' ', '..', 'inc-1;rm -rf ~'].flatMap(
  (id) => [
    { name: `status ${JSON.stringify(id)}`, args: () => ['status', id], mentions: () => (id === 'inc-nope' ? 'no incident inc-nope' : 'not an incident id') },
    { name: `note ${JSON.stringify(id)}`, args: () => ['note', id, 'x'], mentions: () => (id === 'inc-nope' ? 'no incident inc-nope' : 'not an incident id') },
  ],
);

const payloads: BadInput[] = [
  ['not JSON', 'SCOPE', '--data'],
  ['a list', '[1,2]', 'JSON object'],
  ['null', 'null', 'JSON object'],
  ['a string', '"x"', 'JSON object'],
  ['a number', '3', 'JSON object'],
  ['deeply nested', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, '--data'],
  ['64 KiB and more', JSON.stringify({ csocReference: 'x'.repeat(70_000) }), '64 KiB'],
  ['a lone surrogate', '{"csocReference":"\\ud800 CSOC-1"}', 'not valid Unicode'],
  ['a field of the wrong type', '{"csocReference": 42}', 'not valid'],
  ['a missing field', '{}', 'not valid'],
  ['__proto__', '{"__proto__": {"csocReference": "polluted"}}', 'has no field "__proto__"'],
  ['a key the decision does not carry', '{"csocReference": "Chair\'s action", "boardMeeting": "25 July 2024"}', 'has no field "boardMeeting"'],
].map(([what, data, mentions]) => ({
  name: `--data ${what}`,
  args: (f: Fixture) => ['step', f.incident, 'CSOC_NOTIFIED', '--data', data as string],
  mentions: () => mentions as string,
}));
payloads.push(
  { name: 'an event the playbook does not have', args: (f) => ['step', f.incident, 'PAY_RANSOM'], mentions: () => 'PAY_RANSOM' },
  { name: 'a blocked event', args: (f) => ['step', f.incident, 'CONTAINED'], mentions: () => 'CONTAINED' },
  { name: 'data for an event that takes none', args: (f) => ['step', f.incident, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known', '--data', '{"x":1}'], mentions: () => 'takes no data' },
  { name: 'an item no step has', args: (f) => ['check', f.incident, 'nonexistent-item'], mentions: () => 'nonexistent-item' },
  { name: 'an item already ticked', args: (f) => ['check', f.incident, 'detection-source'], mentions: () => /detection-source|No active step/ },
  { name: 'a due date that names no day', args: (f) => ['note', f.incident, 'Rebuild the DC', '--action', '--due', '2022-02-30'], mentions: () => 'Feb 2022 has 28 days' },
);

const text: BadInput[] = [
  { name: 'a 30,000-character note', args: (f) => ['note', f.incident, 'n'.repeat(30_000)], mentions: () => 'the note is 30,000 characters' },
  { name: 'an empty note', args: (f) => ['note', f.incident, ''], mentions: () => 'needs some text' },
  { name: 'a blank note', args: (f) => ['note', f.incident, '   '], mentions: () => 'needs some text' },
  { name: 'an empty title', args: () => ['start', 'supplier-ransomware', '--title', ''], mentions: () => 'title' },
  { name: 'a 30,000-character title', args: () => ['start', 'supplier-ransomware', '--title', 't'.repeat(30_000)], mentions: () => '30,000 characters' },
  { name: 'an empty actor', args: (f) => ['note', f.incident, 'x', '--actor', ''], mentions: () => '--actor' },
  { name: 'an unknown role', args: (f) => ['note', f.incident, 'x', '--role', 'pope'], mentions: () => '"pope" is not a role' },
  { name: 'a 300-character actor', args: (f) => ['note', f.incident, 'x', '--actor', 'a'.repeat(300)], mentions: () => 'the name of who is acting' },
  { name: 'a late reason that is blank', args: (f) => ['note', f.incident, 'x', '--at', '-2h', '--reason', ' '], mentions: () => '--reason' },
];

const playbookCases: Array<[string, (source: string) => string, string]> = [
  ['a syntax error', (s) => `${s}\nconst = ;`, 'does not compile'],
  ['node:fs used', (s) => `import { writeFileSync } from 'node:fs';\nwriteFileSync('/tmp/irp-pwned', 'x');\n${s}`, 'node:fs'],
  ['child_process required', (s) => `const cp = require('child_process');\n${s}`, 'require'],
  ['process', (s) => `const env = process.env;\n${s}`, 'process'],
  ['eval', (s) => `eval('1');\n${s}`, 'eval'],
  ['Function', (s) => `const f = new Function('return 1');\n${s}`, 'Function'],
  ['globalThis', (s) => `globalThis.x = 1;\n${s}`, 'globalThis'],
  ['setTimeout', (s) => `setTimeout(() => 1, 1);\n${s}`, 'setTimeout'],
  ['a computed import()', (s) => `const m = 'x'; import(m);\n${s}`, 'import()'],
  ['fetch', (s) => `fetch('http://127.0.0.1/');\n${s}`, 'fetch'],
  ['no default export', (s) => s.replace('export default definePlaybook', 'const unused = definePlaybook'), 'problem'],
  ['a throw at load', (s) => `throw new Error('boom');\n${s}`, 'failed while loading'],
  ['an unknown role on a step', (s) => s.replace("role: 'technical-lead',", "role: 'wizard',"), 'wizard'],
  ['a target that does not exist', (s) => s.replace("target: 'isolate'", "target: 'nowhere'"), 'nowhere'],
  ['a clock with no link', (s) => s.replace("clock('ncsc', {", "({ id: 'x', label: 'x', source: { law: 'x', url: 'nope' }, recipient: 'x', starts: { on: 'awareness' }, runs: { hours: 1 }, ...{").replace("reference: 'ncscReference' } }),", "reference: 'ncscReference' } } }),"), 'problem'],
];
const playbooks: BadInput[] = playbookCases.map(([what, change, mentions], index) => ({
  name: `playbook with ${what}`,
  setup: (f) => {
    brokenPlaybook(f, `broken-${index}`, change);
  },
  args: (f) => ['start', `broken-${index}`, '--title', 't', '--playbooks', join(f.work, `pb-broken-${index}`)],
  mentions: () => new RegExp(`broken-${index}\\.ts.*${mentions.replace(/[().]/g, '\\$&')}|${mentions.replace(/[().]/g, '\\$&')}`, 's'),
}));
playbooks.push(
  { name: 'a playbook that does not exist', args: () => ['start', 'no-such-playbook', '--title', 't'], mentions: () => 'no-such-playbook' },
  { name: 'a playbook id with a path', args: () => ['start', '../etc/passwd', '--title', 't'], mentions: () => '../etc/passwd' },
  { name: 'a playbooks folder that does not exist', args: (f) => ['start', 'supplier-ransomware', '--title', 't', '--playbooks', join(f.work, 'missing')], mentions: () => 'playbooks folder' },
  { name: 'a playbooks folder that is a file', setup: (f) => void file(f, 'pbfile', 'x'), args: (f) => ['start', 'supplier-ransomware', '--title', 't', '--playbooks', join(f.work, 'pbfile')], mentions: () => 'playbooks folder' },
);

const scenarioCases: Array<[string, () => string, string]> = [
  ['not YAML', () => 'id: [unclosed', 'not valid YAML'],
  ['an alias bomb', () => aliasBomb, 'aliases'],
  ['2 MiB', () => `# ${'x'.repeat(2 * 1024 * 1024)}`, 'larger than'],
  ['no playbook', () => goodScenario().replace(/playbook:\n  id: supplier-ransomware\n  version: \^5\.0\.0\n/, ''), 'playbook'],
  ['an unknown playbook', () => goodScenario().replace('id: supplier-ransomware', 'id: nothing-like-it'), 'nothing-like-it'],
  ['a version range no playbook meets', () => goodScenario().replace('^5.0.0', '^9.0.0'), '9.0.0'],
  ['a setting the playbook does not have', () => goodScenario().replace('  version: ^5.0.0\n', '  version: ^5.0.0\nsettings: { law: martial }\n'), 'settings: "martial" is not a choice of law (in-force, bill)'],
  ['an expectation of a clock the settings rule out', () => goodScenario().replace('  version: ^5.0.0\n', '  version: ^5.0.0\nsettings: { law: in-force }\n').replace('notification: ncsc,', 'notification: bill-customers,'), 'expects a report to clock bill-customers (not run under the scenario\'s settings)'],
  ['a bad duration', () => goodScenario().replace('ends: +43d', 'ends: +43 fortnights'), 'ends'],
  ['an inject with no title', () => goodScenario().replace('    title: Servers encrypting on the Staffplan estate\n', ''), 'title'],
  ['an empty file', () => '', 'scenario'],
  ['a lone surrogate', () => goodScenario().replace('title: Servers encrypting on the Staffplan estate', 'title: "Servers \\ud800 encrypting"'), 'not valid Unicode'],
];
const scenarios: BadInput[] = scenarioCases.map(([what, content, mentions], index) => ({
  name: `scenario with ${what}`,
  setup: (f) => {
    const text = content();
    if (text === goodScenario()) throw new Error(`the case "${what}" no longer changes the scenario: update its fixture`);
    scenario(f, `bad-${index}`, text);
  },
  args: (f) => ['exercise', 'replay', join(f.work, `bad-${index}.scenario.yaml`), '--json'],
  mentions: () => mentions,
}));
scenarios.push(
  { name: 'a scenario that does not exist', args: (f) => ['exercise', 'replay', join(f.work, 'none.scenario.yaml')], mentions: () => 'none.scenario.yaml' },
  { name: 'a scenario that is a folder', setup: (f) => void mkdirSync(join(f.work, 'dir.scenario.yaml'), { recursive: true }), args: (f) => ['exercise', 'replay', join(f.work, 'dir.scenario.yaml')], mentions: () => 'dir.scenario.yaml' },
);

const answerCases: Array<[string, string, string]> = [
  ['not YAML', 'steps: [unclosed', 'not valid YAML'],
  ['an alias bomb', aliasBomb, 'aliases'],
  ['an unknown entry', 'steps:\n  - fly: away\n', 'line 2'],
  ['an unreadable time', 'steps:\n  - note: x\n    at: teatime\n', 'line 2'],
  ['an event not offered', 'steps:\n  - decide: PAY_RANSOM\n', 'PAY_RANSOM'],
  ['data that does not fit', 'steps:\n  - decide: CSOC_NOTIFIED\n    data: { csocReference: 42 }\n', 'line 2'],
  ['an impossible date', 'steps:\n  - note: x\n    at: "2022-02-30 07:00"\n    reason: r\n', 'Feb 2022 has 28 days'],
  ['a tick dated before awareness', 'steps:\n  - tick: [servers-isolated]\n    at: "2020-01-01 09:00"\n    reason: r\n', 'line 2'],
  ['a lone surrogate', 'steps:\n  - note: "x \\ud800 y"\n', 'not valid Unicode'],
  ['an item no step has', 'steps:\n  - tick: [nonexistent-item]\n', 'nonexistent-item'],
  ['2 MiB', `# ${'x'.repeat(2 * 1024 * 1024)}\nsteps: []\n`, 'larger than'],
];
const answerFiles: BadInput[] = answerCases.map(([what, content, mentions], index) => ({
  name: `answers file with ${what}`,
  setup: (f) => void answers(f, `bad-${index}`, content),
  args: (f) => ['run', f.incident, '--answers', join(f.work, `bad-${index}.answers.yaml`)],
  mentions: () => mentions,
}));
answerFiles.push(
  { name: 'an answers file that does not exist', args: (f) => ['run', f.incident, '--answers', join(f.work, 'none.yaml')], mentions: () => 'none.yaml' },
  { name: 'an answers file that is a folder', setup: (f) => void mkdirSync(join(f.work, 'adir'), { recursive: true }), args: (f) => ['run', f.incident, '--answers', join(f.work, 'adir')], mentions: () => 'adir' },
);

const state: BadInput[] = [
  ['a line that is not JSON', (_s: string, r: string) => writeFileSync(r, readFileSync(r, 'utf8').replace('"kind":"note"', '"kind":"note')), 'line 5'],
  ['an edited note', (_s: string, r: string) => writeFileSync(r, readFileSync(r, 'utf8').replace('Bridge open', 'Bridge shut')), 'event 5'],
  ['a duplicated key', (_s: string, r: string) => writeFileSync(r, readFileSync(r, 'utf8').replace('{"actor":{"name":"Sam Patel"', '{"actor":{"name":"Mallory","role":"dpo"},"actor":{"name":"Sam Patel"')), 'canonical form'],
  ['an extra member', (_s: string, r: string) => writeFileSync(r, readFileSync(r, 'utf8').replace('"kind":"note",', '"kind":"note","extra":1,')), 'line 5'],
  ['a record that is a folder', (_s: string, r: string) => {
    writeFileSync(`${r}.bak`, readFileSync(r));
    rmSync(r);
    mkdirSync(r);
  }, 'folder'],
  ['incidents that is a file', (s: string) => {
    rmSync(join(s, 'incidents'), { recursive: true });
    writeFileSync(join(s, 'incidents'), 'x');
  }, 'incidents'],
  ['a record that is a symbolic link', (_s: string, r: string) => {
    const real = `${r}.real`;
    writeFileSync(real, readFileSync(r));
    rmSync(r);
    symlinkSync(real, r);
  }, 'symbolic link'],
  ['a lock that is a folder', (_s: string, r: string) => {
    rmSync(`${r}.lock`, { force: true });
    mkdirSync(`${r}.lock`);
  }, '.lock'],
  ['a first line that does not open the incident', (_s: string, r: string) => writeFileSync(r, readFileSync(r, 'utf8').split('\n').slice(1).join('\n')), 'line 1'],
  ['seals edited by hand', (_s: string, r: string) => writeFileSync(r.replace(/\.jsonl$/, '.seals'), '{"not":"a seal"}\n'), '.seals'],
].map(([what, damage, mentions]) => ({
  name: `state with ${what as string}`,
  setup: (f: Fixture) => ownState(f, damage as (s: string, r: string) => void),
  args: (f: Fixture) => [(what as string).includes('seals') ? 'verify' : 'note', f.incident, ...((what as string).includes('seals') ? [] : ['x'])],
  mentions: () => mentions as string,
}));
state.push({
  name: 'a lock held by a stuck process',
  slow: true,
  setup: (f) =>
    ownState(f, (_stateDir, record) => {
      spawn(process.execPath, [join(repoRoot, 'tests/reliability/writers/lockHolder.mjs'), record, '9'], { stdio: 'ignore', detached: true }).unref();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // let it take the lock
    }),
  args: (f) => ['note', f.incident, 'x'],
  mentions: () => 'Another irp process has been writing to this incident for over 5 s',
});
state.push({
  name: 'a state folder that is a file',
  setup: (f) => {
    const path = join(f.work, 'statefile');
    writeFileSync(path, 'x');
    return path;
  },
  args: () => ['start', 'supplier-ransomware', '--title', 't'],
  mentions: () => 'statefile',
});

const outputs: BadInput[] = [
  { name: '--out inside the state folder', args: (f) => ['exercise', 'report', f.incident, '--out', join(f.stateDir, 'incidents', `${f.incident}.jsonl`), '--force'], mentions: () => 'inside the state folder' },
  { name: '--out over a file without --force', setup: (f) => void file(f, 'exists.md', 'keep me'), args: (f) => ['exercise', 'report', f.incident, '--out', join(f.work, 'exists.md')], mentions: () => 'exists.md already exists' },
  { name: '--out into a missing folder', args: (f) => ['exercise', 'report', f.incident, '--out', join(f.work, 'no', 'such', 'r.md')], mentions: () => 'does not exist' },
  { name: '--out a folder', setup: (f) => void mkdirSync(join(f.work, 'outdir'), { recursive: true }), args: (f) => ['exercise', 'report', f.incident, '--out', join(f.work, 'outdir')], mentions: () => 'is a folder' },
  { name: '--out a symbolic link', setup: (f) => void symlinkSync(join(f.work, 'target.md'), join(f.work, 'link.md')), args: (f) => ['exercise', 'report', f.incident, '--out', join(f.work, 'link.md'), '--force'], mentions: () => 'symbolic link' },
  { name: '--format unknown', args: (f) => ['exercise', 'report', f.incident, '--format', 'pdf'], mentions: () => 'pdf' },
];

const anchors: BadInput[] = [
  { name: '--expect garbage', args: (f) => ['verify', f.incident, '--expect', 'yesterday'], mentions: () => '--expect "yesterday"' },
  { name: '--expect a head it never had', args: (f) => ['verify', f.incident, '--expect', `4:${'0'.repeat(64)}`], mentions: () => 'REWRITTEN' },
  { name: '--expect more events than it has', args: (f) => ['verify', f.incident, '--expect', `40:${'0'.repeat(64)}`], mentions: () => 'TRUNCATED' },
  { name: '--trust garbage', args: (f) => ['verify', f.incident, '--trust', 'me'], mentions: () => '--trust "me"' },
  { name: 'a seal key inside the state folder', args: (f) => ['seal', f.incident, '--key', join(f.stateDir, 'k.pem')], mentions: () => 'inside the state folder' },
  { name: 'a seal key that does not exist', args: (f) => ['seal', f.incident, '--key', join(f.work, 'nokey.pem')], mentions: () => 'nokey.pem' },
  { name: 'a seal key that is not a key', setup: (f) => void file(f, 'notkey.pem', 'hello'), args: (f) => ['seal', f.incident, '--key', join(f.work, 'notkey.pem')], mentions: () => 'cannot seal' },
  { name: 'a new seal key over a file', setup: (f) => void file(f, 'taken.pem', 'x'), args: (f) => ['seal', '--new-key', join(f.work, 'taken.pem')], mentions: () => 'taken.pem' },
];

const misc: BadInput[] = [
  { name: 'an unknown command', args: () => ['frobnicate'], mentions: () => 'frobnicate' },
  {
    name: 'a CACAO playbook of 2 MiB',
    setup: (f) => void file(f, 'huge.cacao.json', JSON.stringify({ type: 'playbook', name: 'Huge', description: 'x'.repeat(2 * 1024 * 1024) })),
    args: (f) => ['import', join(f.work, 'huge.cacao.json'), '--playbooks', join(f.work, 'imported')],
    mentions: () => /huge\.cacao\.json: the CACAO playbook is larger than 1024 KiB/,
  },
  { name: 'a board name that is not a host name', args: () => ['serve', '--allow-host', 'evil/..'], mentions: () => '--allow-host "evil/.."' },
  { name: 'an unknown option', args: () => ['list', '--colour'], mentions: () => '--colour' },
  { name: 'correct an unknown fact', args: (f) => ['correct', f.incident, 'colour', 'red', '--because', 'x'], mentions: () => '"colour" is not a fact' },
  { name: 'correct a fact not recorded', args: (f) => ['correct', f.incident, 'personalDataInvolved', 'yes', '--because', 'x'], mentions: () => 'personalDataInvolved' },
  { name: 'correct with a value that is not JSON', args: (f) => ['correct', f.incident, 'personalDataInvolved', '{"oops', '--because', 'x'], mentions: () => 'not valid JSON' },
  { name: 'aware of an unknown moment', args: (f) => ['aware', f.incident, 'enlightenment'], mentions: () => 'enlightenment' },
  { name: 'reported under an unknown clock', args: (f) => ['reported', f.incident, 'interpol'], mentions: () => 'interpol' },
  { name: 'a follow-up of nothing', args: (f) => ['reported', f.incident, 'controllers', '--follow-up'], mentions: () => 'Nothing has been reported' },
  { name: 'a margin that is not a duration', args: () => ['start', 'supplier-ransomware', '--title', 't', '--backdate-margin', 'a while'], mentions: () => '--backdate-margin "a while"' },
  { name: 'a report of no incident', args: () => ['exercise', 'report', 'inc-20990101-none'], mentions: () => 'inc-20990101-none' },
  { name: 'notify an unknown recipient', args: (f) => ['notify', f.incident, 'santa'], mentions: () => 'santa' },
  { name: 'a role with an empty name', args: (f) => ['role', f.incident, 'dpo', ''], mentions: () => /holds the role|Say who/ },
  { name: 'a decision that needs its rationale, without it', args: (f) => ['step', f.incident, 'SHUT_DOWN_ALL'], mentions: () => 'needs its rationale' },
  { name: 'reasons for a delay that is not one', args: (f) => ['step', f.incident, 'NCSC_NOTIFIED', '--data', '{"ncscReference":"N-1"}', '--late-reasons', 'busy'], mentions: () => 'is not late' },
  { name: 'a notice sent to nobody', args: (f) => ['notify', f.incident, 'ncsc', '--sent', '--via', 'form'], mentions: () => '--sent needs --to' },
  { name: 'a notice sent from a file that is not there', args: (f) => ['notify', f.incident, 'ncsc', '--sent', '--to', 'NCSC', '--via', 'form', '--text-file', join(f.work, 'none.txt')], mentions: () => 'none.txt' },
  { name: 'a Word report to the terminal', args: (f) => ['exercise', 'report', f.incident, '--format', 'docx'], mentions: () => '--out report.docx' },
  { name: 'a pack with nowhere to go', args: (f) => ['pack', f.incident], mentions: () => '--out <file>.zip' },
  { name: 'a pack signed with a key that is not one', setup: (f) => void file(f, 'not-a-key.pem', 'hello'), args: (f) => ['pack', f.incident, '--out', join(f.work, 'p.zip'), '--key', join(f.work, 'not-a-key.pem')], mentions: () => 'not-a-key.pem' },
  { name: 'a pack that is not a ZIP', setup: (f) => void file(f, 'fake.zip', 'PK but not really'), args: (f) => ['verify-pack', join(f.work, 'fake.zip')], mentions: () => 'fake.zip is not a ZIP archive' },
  { name: 'cards of nothing', args: () => ['print', 'no-such-playbook'], mentions: () => 'no-such-playbook is neither an incident nor a playbook' },
  { name: 'a paper log with an unknown code', setup: (f) => void file(f, 'paper.csv', 'code,at,name\nS99.9,09:00,Sam\n'), args: (f) => ['enter', f.incident, join(f.work, 'paper.csv'), '--reason', 'paper'], mentions: () => /paper\.csv line 2: S99\.9 is not a code/ },
  { name: 'a paper log with an unknown column', setup: (f) => void file(f, 'paper2.csv', 'code,at,name,colour\nS1.1,09:00,Sam,red\n'), args: (f) => ['enter', f.incident, join(f.work, 'paper2.csv')], mentions: () => 'unknown: colour' },
];

/** Registers and notices from other organisations: files a supplier keeps, files that travel between incidents. */
const register = (f: Fixture, name: string, csv: string) => file(f, name, csv);
const organisations: BadInput[] = [
  { name: 'a register with an unknown nation', setup: (f) => void register(f, 'r1.csv', 'id,name,nation,kinds\na,A,England,controller\nb,B,Cornwall,controller\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r1.csv')], mentions: () => /r1\.csv line 3: nation/ },
  { name: 'a register with an unknown column', setup: (f) => void register(f, 'r2.csv', 'id,name,nation,kind\na,A,England,controller\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r2.csv')], mentions: () => /r2\.csv line 1: unknown column "kind"/ },
  { name: 'a register with an id given twice', setup: (f) => void register(f, 'r3.csv', 'id,name,nation,kinds\na,A,England,controller\na,B,Wales,controller\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r3.csv')], mentions: () => /r3\.csv line 3: the id "a" is given twice/ },
  { name: 'a register with an unclosed quote', setup: (f) => void register(f, 'r4.csv', 'id,name,nation,kinds\na,"A,England,controller\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r4.csv')], mentions: () => /r4\.csv line 2: a quoted value is not closed/ },
  { name: 'a register with too many cells', setup: (f) => void register(f, 'r5.csv', 'id,name,nation,kinds\na,A, North,England,controller\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r5.csv')], mentions: () => /r5\.csv line 2: 5 cells/ },
  { name: 'a register in YAML that is not a list', setup: (f) => void register(f, 'r6.yaml', 'organisations: 3\n'), args: (f) => ['org', 'load', f.incident, join(f.work, 'r6.yaml')], mentions: () => /r6\.yaml: a register in YAML is a list/ },
  { name: 'an empty register', setup: (f) => void register(f, 'r7.csv', ''), args: (f) => ['org', 'load', f.incident, join(f.work, 'r7.csv')], mentions: () => /r7\.csv: the register is empty/ },
  { name: 'a duty for an organisation not in the register', args: (f) => ['org', 'done', f.incident, 'availability-notice', 'nobody'], mentions: () => '"nobody" is not in the register' },
  { name: 'a duty that does not exist', args: (f) => ['org', 'done', f.incident, 'tea-made', '--all'], mentions: () => '"tea-made" is not a duty' },
  { name: 'an organisation added with a bad id', args: (f) => ['org', 'add', f.incident, '--id', 'Not An Id', '--name', 'X', '--nation', 'England', '--kind', 'controller'], mentions: () => /id: use lower-case letters/ },
  { name: 'a notice that is not JSON', setup: (f) => void file(f, 'n1.json', 'not json'), args: (f) => ['notice', 'receive', f.incident, join(f.work, 'n1.json'), '--trust', '0123456789abcdef'], mentions: () => /n1\.json: is not an irp notice or acknowledgement \(not JSON\)/ },
  { name: 'a notice of another format', setup: (f) => void file(f, 'n2.json', '{"format":"irp-notice-v9"}'), args: (f) => ['notice', 'receive', f.incident, join(f.work, 'n2.json'), '--trust', '0123456789abcdef'], mentions: () => /n2\.json: .*neither irp-notice-v1 nor irp-ack-v1/ },
  {
    name: 'a notice whose signature does not match',
    setup: (f) =>
      void file(
        f,
        'n3.json',
        JSON.stringify({
          format: 'irp-notice-v1',
          from: { incident: 'inc-20220804-aaaa-bbbb-ccccc', title: 'Supplier', head: { count: 3, hash: 'a'.repeat(64) } },
          to: { id: 'a', name: 'A' },
          notice: { seq: 3, hash: 'a'.repeat(64), duty: 'availability-notice', label: 'Told', toldAt: '2022-08-04T07:00:00.000Z' },
          known: [],
          asks: 'Invoke your plan',
          publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=',
          signature: 'c2lnbmF0dXJl',
        }),
      ),
    args: (f) => ['notice', 'receive', f.incident, join(f.work, 'n3.json'), '--trust', '0123456789abcdef'],
    mentions: () => /n3\.json: its signature does not match its contents/,
  },
  { name: 'a notice larger than 256 KiB', setup: (f) => void file(f, 'n4.json', `{"format":"irp-notice-v1","pad":"${'x'.repeat(300 * 1024)}"}`), args: (f) => ['notice', 'receive', f.incident, join(f.work, 'n4.json')], mentions: () => /n4\.json: .*larger than 256 KiB/ },
  { name: 'an incident opened from a notice that does not exist', args: () => ['start', 'provider-supplier-outage', '--from-notice', '/nonexistent/n.json'], mentions: () => '/nonexistent/n.json' },
  { name: 'acknowledging with a key and no folder', args: (f) => ['notice', 'ack', f.incident, '--key', join(f.work, 'k.pem')], mentions: () => /both --key and --out/ },
];

export const BAD_INPUTS: BadInput[] = [...times, ...ids, ...payloads, ...text, ...playbooks, ...scenarios, ...answerFiles, ...state, ...outputs, ...anchors, ...misc, ...organisations];

export interface BadInputResult {
  name: string;
  ok: boolean;
  problems: string[];
}

/** Every file under `incidents/` but locks, with its bytes' hash: "no byte of any record changed". */
function snapshot(stateDir: string): string {
  const dir = join(stateDir, 'incidents');
  if (!existsSync(dir)) return '';
  try {
    return readdirSync(dir)
      .filter((name) => !name.endsWith('.lock'))
      .sort()
      .map((name) => {
        try {
          return `${name}:${createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')}`;
        } catch {
          return `${name}:(not a file)`;
        }
      })
      .join('\n');
  } catch {
    return '(incidents is not a folder)';
  }
}

/** How a case is run: the built CLI as a child process (the torture suite), or the same entry in this process (npm test). */
export type Via = 'built' | 'in-process';

function runCli(via: Via, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  if (via === 'in-process') return runIrp(args, env);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [builtCli, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * Runs cases and checks each answer: through the built CLI a few at a time, or in this process one at a time (an
 * in-process run has the process's environment for itself while it runs).
 */
export async function runBadInputs(cases: readonly BadInput[], fixture: Fixture, via: Via = 'built'): Promise<BadInputResult[]> {
  const results: BadInputResult[] = [];
  const queue = [...cases];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) results.push(await runOne(next, fixture, via));
  };
  await Promise.all(Array.from({ length: via === 'built' ? 3 : 1 }, worker));
  return results;
}

async function runOne(bad: BadInput, f: Fixture, via: Via): Promise<BadInputResult> {
  const own = bad.setup?.(f);
  const stateDir = typeof own === 'string' ? own : f.stateDir;
  const before = snapshot(stateDir);
  const { code, stderr } = await runCli(via, bad.args(f), { ...f.env, IRP_STATE_DIR: stateDir, ...bad.env });
  const problems: string[] = [];
  if (code !== 2) problems.push(`exit ${code}, not 2`);
  const mentions = bad.mentions(f);
  if (typeof mentions === 'string' ? !stderr.includes(mentions) : !mentions.test(stderr)) problems.push(`the message does not name ${String(mentions)}`);
  if (/\n\s+at /.test(stderr)) problems.push('a stack trace');
  if (/internal error/.test(stderr)) problems.push('an internal error');
  if (snapshot(stateDir) !== before) problems.push('a record changed');
  return { name: bad.name, ok: problems.length === 0, problems: problems.length ? [...problems, `stderr: ${stderr.slice(0, 300)}`] : [] };
}
