import { UserError } from '../../errors.ts';
import { SCHEMA_VERSION } from '../../store/pgSchema.ts';
import type { CliContext } from '../context.ts';

/** `irp db migrate --store <url>`: creates or upgrades the irp schema, and says what it did. */
export default async function dbMigrate(context: CliContext): Promise<void> {
  const store = context.store;
  if (!store.migrate) throw new UserError('irp db migrate works on a shared store: give --store postgres://… (or IRP_STORE).');
  const applied = await store.migrate();
  context.out(
    applied.length === 0
      ? `${store.where}: the irp schema is up to date (version ${SCHEMA_VERSION}).`
      : `${store.where}: applied schema version${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; the irp schema is now version ${SCHEMA_VERSION}.`,
  );
}
