import { UserError } from '../../errors.ts';
import { readRegisterFile } from '../../input/registerFile.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { registerJson, renderOrganisation, renderRegister } from '../../render/renderRegister.ts';
import type { CliContext } from '../context.ts';
import { parseData, printJson, recordOptions } from './shared.ts';

/** `irp org show <incident> [organisation]`: the register, or one organisation's duties. */
export async function orgShow(context: CliContext, [incident, wanted]: string[], _options: Record<string, unknown>): Promise<void> {
  const { register, report } = await context.irp.register(incident as string);
  const now = context.clock.now();
  if (report.playbook.duties.length === 0) throw new UserError({ code: 'no-register', playbook: report.playbook.id });
  if (wanted !== undefined) {
    const lower = wanted.trim().toLowerCase();
    const status = register.organisations.find((s) => s.organisation.id === wanted.trim() || s.organisation.name.toLowerCase() === lower);
    if (!status) {
      const like = register.organisations.filter((s) => lower.length >= 2 && (s.organisation.id.includes(lower) || s.organisation.name.toLowerCase().includes(lower))).slice(0, 5).map((s) => s.organisation.id);
      throw new UserError({ code: 'unknown-organisation', organisation: wanted, incident: incident as string, like });
    }
    const json = registerJson({ ...register, organisations: [status] }) as { organisations: unknown[] };
    if (context.json) return printJson(context, json.organisations[0]);
    context.out(renderOrganisation(status, now));
    return;
  }
  if (context.json) return printJson(context, registerJson(register));
  context.out(`${report.view.title} (${report.view.id})\n`);
  context.out(renderRegister(register, now));
}

/** `irp org load <incident> <file>`: adds the organisations of a register file, all or nothing. */
export async function orgLoad(context: CliContext, [incident, file]: string[], options: Record<string, unknown>): Promise<void> {
  const read = readRegisterFile(file as string);
  const report = await context.irp.execute(incident as string, { kind: 'register', organisations: read.organisations, where: read.where }, recordOptions(context, options));
  if (context.json) return printJson(context, report.recorded);
  const skipped = read.organisations.length - report.recorded.filter((e) => e.kind === 'organisation.registered').length;
  context.out(`Recorded ${report.recorded.length} register entries from ${file}${skipped > 0 ? ` (${skipped} already in the register as given)` : ''}.`);
}

/** `irp org add <incident> --id … --name … --nation … --kind …`: one organisation. */
export async function orgAdd(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const number = (value: unknown, flag: string) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n)) throw new UserError(`${flag} "${String(value)}" is not a number.`);
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
  const report = await context.irp.execute(incident as string, { kind: 'register', organisations: [organisation], where: ['The organisation (its options)'] }, recordOptions(context, options));
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}

/** `irp org done <incident> <duty> [organisations...] [--all]`: a duty done for organisations of the register. */
export async function orgDone(context: CliContext, [incident, duty, ...named]: Array<string | string[]>, options: Record<string, unknown>): Promise<void> {
  const organisations = named.flat();
  const all = options.all === true;
  if (all && organisations.length > 0) throw new UserError('Name organisations or give --all, not both.');
  if (!all && organisations.length === 0) throw new UserError(`Name the organisations "${duty}" was done for (their ids, as irp org show lists them), or give --all.`);
  const report = await context.irp.execute(
    String(incident),
    {
      kind: 'duty',
      duty: String(duty),
      organisations: all ? 'all' : organisations,
      product: typeof options.product === 'string' ? options.product : undefined,
      how: typeof options.how === 'string' ? options.how : undefined,
      reference: typeof options.reference === 'string' ? options.reference : undefined,
      payload: parseData(options.data),
      notNeeded: typeof options.notNeeded === 'string' ? options.notNeeded : undefined,
    },
    recordOptions(context, options),
  );
  if (context.json) return printJson(context, report.recorded);
  context.out(renderRecorded(report.recorded, report.playbook));
}
