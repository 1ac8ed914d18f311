import { UserError, invalidInput } from '../../errors.ts';
import { readRegisterFile } from '../../input/registerFile.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { registerJson, renderOrganisation, renderRegister } from '../../render/renderRegister.ts';
import { parseData, printJson, recordOptions } from './shared.ts';
import { declareCommand, flag, value, list, jsonOutput, argument, optionalArgument, optionalVariadicArgument, incidentArgument } from '../declareCommand.ts';

/** `irp org show <incident> [organisation]`: the register, or one organisation's duties. */
const orgShow = declareCommand({
  words: ['org', 'show'],
  description: "the register: how many told, acknowledged, with a restore point, approved, reconnected, by product and nation, and what is overdue; or one organisation's duties",
  arguments: [incidentArgument, optionalArgument('organisation', 'one organisation (its id or name)')],
  options: { json: jsonOutput },
  async run(context, [incident, wanted]) {
    const { register, report } = await context.irp.register(incident);
    const now = context.clock.now();
    if (report.playbook.duties.length === 0) throw new UserError({ code: 'no-register', playbook: report.playbook.id });
    if (wanted !== undefined) {
      const lower = wanted.trim().toLowerCase();
      const status = register.organisations.find((s) => s.organisation.id === wanted.trim() || s.organisation.name.toLowerCase() === lower);
      if (!status) {
        const like = register.organisations.filter((s) => lower.length >= 2 && (s.organisation.id.includes(lower) || s.organisation.name.toLowerCase().includes(lower))).slice(0, 5).map((s) => s.organisation.id);
        throw new UserError({ code: 'unknown-organisation', organisation: wanted, incident, like });
      }
      const json = registerJson({ ...register, organisations: [status] }) as { organisations: unknown[] };
      if (context.json) return printJson(context, json.organisations[0]);
      context.out(renderOrganisation(status, now));
      return;
    }
    if (context.json) return printJson(context, registerJson(register));
    context.out(`${report.view.title} (${report.view.id})\n`);
    context.out(renderRegister(register, now));
  },
});

/** `irp org load <incident> <file>`: adds the organisations of a register file, all or nothing. */
const orgLoad = declareCommand({
  words: ['org', 'load'],
  description: 'add organisations from a register file the supplier keeps (CSV with a header row, or YAML); all or nothing, each error named by its line',
  arguments: [incidentArgument, argument('file', 'register.csv or register.yaml')],
  options: { json: jsonOutput },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident, file], options) {
    const read = readRegisterFile(file);
    const report = await context.irp.execute(incident, { kind: 'register', organisations: read.organisations, where: read.where }, recordOptions(context, options));
    if (context.json) return printJson(context, report.recorded);
    const skipped = read.organisations.length - report.recorded.filter((e) => e.kind === 'organisation.registered').length;
    context.out(`Recorded ${report.recorded.length} register entries from ${file}${skipped > 0 ? ` (${skipped} already in the register as given)` : ''}.`);
  },
});

/** `irp org add <incident> --id … --name … --nation … --kind …`: one organisation. */
const orgAdd = declareCommand({
  words: ['org', 'add'],
  description: 'add one organisation to the register (or replace its entry)',
  arguments: [incidentArgument],
  options: {
    id: value('id', 'a short id: lower-case letters, digits and hyphens', { required: true }),
    name: value('text', 'its name', { required: true }),
    nation: value('nation', 'England, Scotland, Wales or Northern Ireland', { required: true }),
    kind: list('kind', 'controller, nhs-body, care-provider, independent-provider, local-authority, regulator, supplier, other', { required: true }),
    product: list('name', 'the products or services it uses'),
    ods: value('code', 'its ODS code'),
    noticeHours: value('hours', 'the notice window its contract sets, in hours'),
    contact: list('text', 'how to reach it'),
    members: value('count', 'a group told as one: how many organisations it stands for'),
    key: value('fingerprint', 'the fingerprint of the key it signs acknowledgements with'),
    json: jsonOutput,
  },
  time: 'when it happened, if earlier than now',
  actor: true,
  async run(context, [incident], options) {
    const number = (value: string | undefined, flag: string) => {
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) throw invalidInput(flag, 'not-a-number', `${flag} "${value}" is not a number.`);
      return n;
    };
    const organisation = {
      id: options.id,
      name: options.name,
      nation: options.nation,
      kinds: options.kind,
      ...(options.product ? { products: options.product } : {}),
      ...(options.ods ? { ods: options.ods } : {}),
      ...(options.noticeHours !== undefined ? { noticeHours: number(options.noticeHours, '--notice-hours') } : {}),
      ...(options.contact ? { contacts: options.contact } : {}),
      ...(options.members !== undefined ? { members: number(options.members, '--members') } : {}),
      ...(options.key ? { key: options.key } : {}),
    };
    const report = await context.irp.execute(incident, { kind: 'register', organisations: [organisation], where: ['The organisation (its options)'] }, recordOptions(context, options));
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

/** `irp org done <incident> <duty> [organisations...] [--all]`: a duty done for organisations of the register. */
const orgDone = declareCommand({
  words: ['org', 'done'],
  description: 'record a duty done for organisations of the register (irp org show lists the duties)',
  arguments: [incidentArgument, argument('duty', 'the duty id, e.g. availability-notice, restore-point, reconnected'), optionalVariadicArgument('organisations', 'organisation ids or names')],
  options: {
    all: flag('every organisation it is still owed to'),
    product: value('name', 'the product, for a duty owed per product'),
    how: value('text', 'how it was done: "signed notice by email"'),
    reference: value('text', 'a reference given or received'),
    data: value('json', "the duty's data, as a JSON object (restore-point: restorePoint, outageAt, lastGoodCopy)"),
    notNeeded: value('reason', 'record it as not owed to them after all, and why (their data was not among what was taken)'),
    json: jsonOutput,
  },
  time: 'when it was done, if earlier than now',
  actor: true,
  async run(context, [incident, duty, ...named], options) {
    const organisations = named.flat();
    const all = options.all === true;
    if (all && organisations.length > 0) throw invalidInput('--all', 'with-organisations', 'Name organisations or give --all, not both.');
    if (!all && organisations.length === 0) throw invalidInput('organisations', 'none-named', `Name the organisations "${duty}" was done for (their ids, as irp org show lists them), or give --all.`);
    const report = await context.irp.execute(
      String(incident),
      {
        kind: 'duty',
        duty: String(duty),
        organisations: all ? 'all' : organisations,
        product: options.product,
        how: options.how,
        reference: options.reference,
        payload: parseData(options.data),
        notNeeded: options.notNeeded,
      },
      recordOptions(context, options),
    );
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
  },
});

export default [orgShow, orgLoad, orgAdd, orgDone];
