import type { Problem } from '../errors.ts';

/**
 * What to type on the command line to put a problem right: the CLI's own words, added after the problem's (the
 * runner and answers files say it their own way). Problems that need no hint have none.
 */
export function cliHint(problem: Problem, command: (args: string) => string = (args) => `irp ${args}`): string | undefined {
  switch (problem.code) {
    case 'no-title':
      return 'Give it with --title "...".';
    case 'no-actor':
      return 'Say who you are with --actor "Name" (or IRP_ACTOR).';
    case 'takes-no-data':
      return 'Leave out --data.';
    case 'unknown-data':
    case 'invalid-payload':
      return `Give the data as a JSON object with --data; "${command('status <incident> --json')}" shows what ${problem.event} takes.`;
    case 'late-without-reason':
      return 'Give the reasons for the delay with --late-reasons "...".';
    case 'sent-needs':
      return problem.what === 'text' ? 'Give the file of the text sent with --text-file.' : `Give it with --${problem.what} "...".`;
    case 'not-late':
      return 'Leave out --late-reasons.';
    case 'rationale-needed':
      return 'Give it with --rationale "...".';
    case 'late-entry-without-reason':
      return 'Say why with --reason "...".';
    case 'moment-recorded':
      return 'Record it again with --correction "why the earlier time was wrong".';
    case 'moment-not-recorded':
      return 'Leave out --correction.';
    case 'no-reason':
      return 'Give it with --because "...".';
    case 'unusable-seal-key':
      return `Make a key pair with ${command('seal --new-key <file>')}.`;
    case 'no-incident':
      return `"${command('list')}" lists the incidents there.`;
    case 'unknown-role':
      return 'Name one of them with --role.';
    case 'not-in-command':
      return `If ${problem.commander} cannot hand it over, take it over: ${command(`handover ${problem.incident} "<your name>" --takeover "why"`)}.`;
    case 'command-by-handover':
      return `The commander hands it over with ${command('handover <incident> "<name>"')}.`;
    case 'product-needed':
      return 'Name it with --product.';
    case 'playbooks-unreadable':
      return 'Set --playbooks (or IRP_PLAYBOOKS_DIR) to the folder of playbooks.';
    case 'no-follow-up-yet':
      return 'Leave out --follow-up.';
    case 'no-schema':
    case 'schema-too-old':
      return `Create or upgrade it with: ${command('db migrate --store <the same URL>')}`;
    case 'bad-store-url':
      return 'Give --store a PostgreSQL URL, or leave it out for the files in the state folder.';
    case 'store-diverged':
      return 'Pull it with --keep-both.';
    case 'bad-organisation-id':
      return problem.as === 'member' ? 'Give it with --org.' : problem.as === 'shared-with' ? 'Give it with --with.' : undefined;
    case 'bad-name':
      return 'Give it with --name "…".';
    case 'member-without-organisation':
      return 'Give --org (or --site, or --reader).';
    default:
      return undefined;
  }
}
