/**
 * How the user started irp, so that every command irp suggests can be pasted back into the same shell:
 * `npm start` gives `npm start -- run <id>`, `npx irp` gives `npx irp run <id>`, and `irp` on the PATH (after
 * `npm link` or a global install) gives `irp run <id>`.
 */
export function invocation(env: Readonly<Record<string, string | undefined>>): (args: string) => string {
  const viaNpmStart = env.npm_lifecycle_event === 'start' && env.npm_package_name === 'irp';
  const viaNpx = !viaNpmStart && env.npm_command === 'exec';
  return (args) => {
    const rest = args.trim();
    if (viaNpmStart) return rest ? `npm start -- ${rest}` : 'npm start';
    return `${viaNpx ? 'npx irp' : 'irp'}${rest ? ` ${rest}` : ''}`;
  };
}
