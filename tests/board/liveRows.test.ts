// The board's rows on the shared store: told of every append by NOTIFY, and still told after the listening
// connection is lost (the server restarted, the backend ended): it listens again and looks at what changed meanwhile.
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { LiveRows } from '../../src/board/liveRows.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { systemClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { skipWithout } from '../helpers/realPart.ts';
import { tempDir } from '../helpers/tempDir.ts';

const until = async (check: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
};

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))("the board's rows on the shared store", () => {
  it('changes a line on NOTIFY, and after its listening connection is ended listens again and catches up', async () => {
    const url = await freshSchemaUrl();
    const writerStore = new PgIncidentStore(url);
    await writerStore.migrate();
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'c'));
    const writer = new Irp({ store: writerStore, catalog, clock: systemClock });
    const id = (await writer.start({ playbook: 'supplier-ransomware', title: 'Listened to', actor: { name: 'Sam Patel' } })).view.id;
    const boardUrl = new URL(url);
    boardUrl.searchParams.set('application_name', 'irp-liverows-test');
    const boardStore = new PgIncidentStore(boardUrl.toString());
    const rows = new LiveRows(new Irp({ store: boardStore, catalog, clock: systemClock }), boardStore, () => new Date());
    await rows.start();
    const commander = () => rows.rows(new Date()).find((row) => row.id === id)?.commander;
    try {
      await writer.handover(id, { name: 'Jo Li' }, { actor: { name: 'Sam Patel' } });
      expect(await until(() => commander() === 'Jo Li', 3_000)).toBe(true);

      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const ended = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'irp-liverows-test' AND query ILIKE 'LISTEN%'");
        expect(ended.rowCount).toBe(1);
      } finally {
        await admin.end();
      }
      // Made while nobody listens: seen once the board listens again.
      await writer.handover(id, { name: 'Cara Diaz' }, { actor: { name: 'Jo Li' } });
      expect(await until(() => commander() === 'Cara Diaz', 8_000)).toBe(true);
    } finally {
      await rows.close();
      await boardStore.close();
      await writerStore.close();
    }
  });
});
