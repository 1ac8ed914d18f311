import { isAsked } from '../playbook/incidentSettings.ts';
import type { Irp } from '../api/irp.ts';
import { formatSpan } from '../time/duration.ts';
import { askAwareness } from './askTime.ts';
import { askName } from './askName.ts';
import { PromptBack, RunnerCancelled, type Option } from './prompter.ts';
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
  /** A site's standing choices of playbooks' settings (IRP_SET): used, not asked. */
  siteSettings: Readonly<Record<string, string>> = {},
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
  let choice: HomeChoice;
  try {
    choice = await io.prompter.select({ key: 'home', message: open.length > 0 ? 'Resume an incident or start one' : 'Start an incident', options });
  } catch (error) {
    if (error instanceof PromptBack) return homeMenu(irp, io, remembered, actor); // Escape here: nothing to leave
    throw error;
  }
  if (choice.kind === 'quit') return undefined;

  const session: Session = { actor: { ...actor } };
  let id: string;
  let opening: string | undefined;
  if (choice.kind === 'resume') {
    id = choice.id;
  } else {
    try {
      id = await startIncident(irp, io, remembered, session, siteSettings);
      opening = `Opened incident ${id}. Its record is kept from now on; resume any time with: ${io.command(`run ${id}`)}`;
    } catch (error) {
      // Escape anywhere in starting one goes back to the first screen, having recorded nothing.
      if (!(error instanceof PromptBack)) throw error;
      io.print('Left without starting an incident.');
      return homeMenu(irp, io, remembered, actor);
    }
  }
  try {
    return (await runIncident(irp, id, io, session, opening)) === 'finished' ? 'finished' : id;
  } catch (error) {
    if (error instanceof RunnerCancelled) error.incident = id;
    throw error;
  }
}

/** Asks what a new incident needs (playbook, title, awareness, who is acting), opens it and returns its id. */
async function startIncident(
  irp: Irp,
  io: RunnerIo,
  remembered: { settings: Settings; save(next: Settings): Promise<void> },
  session: Session,
  siteSettings: Readonly<Record<string, string>>,
): Promise<string> {
  const playbooks = await Promise.all(irp.catalog.ids().map((pid) => irp.catalog.load(pid).catch(() => undefined)));
  const usable = playbooks.filter((p) => p !== undefined);
  const playbook = await io.prompter.select({
    key: 'playbook',
    message: 'Playbook (Escape: back)',
    options: usable.map((p) => ({ value: p, name: `${p.title} (${p.id} ${p.version})`, description: p.summary, tags: [p.id] })),
  });
  // The playbook's settings (the nation, the guidance, the law), asked once: authorities and clocks follow from them.
  // A site's standing choice (IRP_SET), or one a site sets rather than a commander (the law), is not asked.
  const settings: Record<string, string> = Object.fromEntries(Object.entries(siteSettings).filter(([setting]) => setting in playbook.settings));
  for (const [setting, spec] of Object.entries(playbook.settings)) {
    const choices = Object.entries(spec.choices);
    if (setting in settings || !isAsked(spec, settings)) continue;
    settings[setting] = await io.prompter.select<string>({
      key: `setting-${setting}`,
      message: spec.question,
      options: choices.map(([value, choice]) => ({ value, name: choice.label, tags: [value] })),
      default: choices[0]?.[0] ?? '',
    });
  }
  const title = await io.prompter.input({ key: 'title', message: 'Incident title', validate: (t) => (t.trim() ? true : 'give the incident a short title') });
  // Awareness may be back-dated freely: an earlier awareness only brings every deadline forward.
  const awareAt = await askAwareness(io);
  const name = await askName(io, 'name', 'Your name', session.actor.name);
  const roles = Object.entries(playbook.roles);
  const role = await io.prompter.select<string>({
    key: 'role',
    message: 'Your role',
    options: roles.map(([value, label]) => ({ value, name: label, tags: [value] })),
    default: session.actor.role && session.actor.role in playbook.roles ? session.actor.role : (roles[0]?.[0] ?? ''),
  });
  session.actor = { name, role };
  await remembered.save({ name, role });
  const started = await irp.start({ playbook: playbook.id, title, awareAt, actor: session.actor, settings });
  return started.view.id;
}
