import type { Irp } from '../api/irp.ts';
import { formatSpan } from '../time/duration.ts';
import { askTime } from './askTime.ts';
import { RunnerCancelled, type Option } from './prompter.ts';
import { runIncident } from './runIncident.ts';
import type { RunnerIo, Session } from './runnerIo.ts';
import type { Settings } from './settings.ts';

type HomeChoice = { kind: 'resume'; id: string } | { kind: 'new' } | { kind: 'quit' };

/**
 * The first screen: resume an open incident (most recent first) or start a new one from a playbook. Returns the
 * incident left open (to say how to resume it), `'finished'`, or nothing when the commander quit from here.
 */
export async function homeMenu(
  irp: Irp,
  io: RunnerIo,
  remembered: { settings: Settings; save(next: Settings): Promise<void> },
  actor: Session['actor'],
): Promise<string | undefined> {
  const now = io.clock.now();
  const open = (await irp.list()).filter((incident) => !incident.finished && !incident.problem);
  io.print('irp — incident response playbooks');
  const options: Array<Option<HomeChoice>> = open.map((incident) => ({
    value: { kind: 'resume', id: incident.id },
    name: `Resume ${incident.id}  ${incident.exercise ? '[EXERCISE] ' : ''}${incident.title}`,
    description: `${incident.playbook} · aware ${formatSpan(now.getTime() - Date.parse(incident.awareAt ?? ''))} ago · now: ${(incident.steps ?? []).join('; ')}`,
    tags: [incident.id],
  }));
  options.push({ value: { kind: 'new' }, name: 'Start a new incident from a playbook' }, { value: { kind: 'quit' }, name: 'Quit' });
  const choice = await io.prompter.select({ key: 'home', message: open.length > 0 ? 'Resume an incident or start one' : 'Start an incident', options });
  if (choice.kind === 'quit') return undefined;

  const session: Session = { actor: { ...actor } };
  let id: string;
  if (choice.kind === 'resume') {
    id = choice.id;
  } else {
    const playbooks = await Promise.all(irp.catalog.ids().map((pid) => irp.catalog.load(pid).catch(() => undefined)));
    const usable = playbooks.filter((p) => p !== undefined);
    const playbook = await io.prompter.select({
      key: 'playbook',
      message: 'Playbook',
      options: usable.map((p) => ({ value: p, name: `${p.title} (${p.id} ${p.version})`, description: p.summary, tags: [p.id] })),
    });
    const title = await io.prompter.input({ key: 'title', message: 'Incident title', validate: (t) => (t.trim() ? true : 'give the incident a short title') });
    // Awareness may be back-dated freely: an earlier awareness only brings every deadline forward.
    const awareAt = (await askTime(io, 'awareAt', 'When did you become aware? This starts the regulatory clocks.', Number.POSITIVE_INFINITY)).at ?? io.clock.now();
    const name = await io.prompter.input({ key: 'name', message: 'Your name', default: session.actor.name, validate: (t) => (t.trim() ? true : 'give your name') });
    const roles = Object.entries(playbook.roles);
    const role = await io.prompter.select<string>({
      key: 'role',
      message: 'Your role',
      options: roles.map(([value, label]) => ({ value, name: label, tags: [value] })),
      default: actor.role && actor.role in playbook.roles ? actor.role : (roles[0]?.[0] ?? ''),
    });
    session.actor = { name: name.trim(), role };
    await remembered.save({ name: name.trim(), role });
    const started = await irp.start({ playbook: playbook.id, title, awareAt, actor: session.actor });
    id = started.view.id;
    io.print(`Opened incident ${id}. Its record is kept from now on; resume any time with: ${io.command(`run ${id}`)}`);
  }
  try {
    return (await runIncident(irp, id, io, session)) === 'finished' ? 'finished' : id;
  } catch (error) {
    if (error instanceof RunnerCancelled) error.incident = id;
    throw error;
  }
}
