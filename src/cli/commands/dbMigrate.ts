import { invalidInput } from '../../errors.ts';
import { SCHEMA_VERSION } from '../../store/pgSchema.ts';
import { declareCommand } from '../declareCommand.ts';

/** `irp db migrate --store <url>`: creates or upgrades the irp schema, and says what it did. */
const dbMigrate = declareCommand({
  words: ['db', 'migrate'],
  description: 'create or upgrade the irp schema in the database named by --store (or IRP_STORE)',
  sandbox: 'on-demand',
  async run(context) {
    const store = context.store;
    if (!store.migrate) throw invalidInput('--store', 'not-a-shared-store', 'irp db migrate works on a shared store: give --store postgres://… (or IRP_STORE).');
    const applied = await store.migrate();
    context.out(
      applied.length === 0
        ? `${store.where}: the irp schema is up to date (version ${SCHEMA_VERSION}).`
        : `${store.where}: applied schema version${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; the irp schema is now version ${SCHEMA_VERSION}.`,
    );
  },
});

export default dbMigrate;
