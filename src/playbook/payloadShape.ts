import type { ZodType } from 'zod';

/** The fields of a decision's data (a `z.object`'s shape), by name; `undefined` for a schema that is not an object. */
export function payloadShape(payload: unknown): Record<string, ZodType> | undefined {
  return (payload as { shape?: Record<string, ZodType> } | undefined)?.shape;
}
