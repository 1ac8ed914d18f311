import { createHash } from 'node:crypto';

/** irp's own namespace for name-based CACAO ids (a UUID, fixed, so that the same name always gives the same id). */
const NAMESPACE = '6f2b1c4e-8a9d-4e3f-9b7a-2c5d8e1f0a3b';

/**
 * A CACAO identifier, `<type>--<uuid>`, made from a name with a version 5 (SHA-1, name-based) UUID: exporting the
 * same playbook twice gives the same ids, and CACAO accepts UUID versions 1 to 5.
 */
export function cacaoId(type: string, name: string): string {
  const namespace = Buffer.from(NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${type}--${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
