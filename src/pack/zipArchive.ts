import { UserError } from '../errors.ts';
import { importModule } from '../playbook/importModule.ts';

/** The most a pack may hold, unpacked: far above any record and its reports, far below what would exhaust memory. */
const MAX_UNPACKED_BYTES = 512 * 1024 * 1024;
const MAX_MEMBERS = 100_000;

type Fflate = typeof import('fflate');

/** Members as a ZIP archive (fflate, loaded only here), each dated `at` so that the same members make the same bytes. */
export async function zipArchive(members: ReadonlyMap<string, Uint8Array>, at: Date): Promise<Uint8Array> {
  const { zipSync } = await importModule<Fflate>('fflate');
  return zipSync(Object.fromEntries([...members].map(([name, bytes]) => [name, [bytes, { mtime: at, level: 6 }]])));
}

/** A ZIP archive's members, by name; `file` names it in every refusal. Nothing is written to disk. */
export async function unzipArchive(bytes: Uint8Array, file: string): Promise<Map<string, Uint8Array>> {
  const { unzipSync } = await importModule<Fflate>('fflate');
  let total = 0;
  let count = 0;
  let tooBig = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (member) => {
        count += 1;
        total += member.originalSize;
        if (total > MAX_UNPACKED_BYTES || count > MAX_MEMBERS) tooBig = true;
        return !tooBig;
      },
    });
  } catch (error) {
    throw new UserError({ code: 'not-a-zip', file, reason: (error as Error).message });
  }
  if (tooBig) throw new UserError({ code: 'zip-too-big', file, mib: MAX_UNPACKED_BYTES / 1024 / 1024, members: MAX_MEMBERS });
  return new Map(Object.entries(files).filter(([name]) => !name.endsWith('/')));
}
