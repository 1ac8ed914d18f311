/**
 * For a zod schema parsed once or a few times in a process, as a playbook's definition is when it loads: zod's first
 * parse with an object schema otherwise compiles a fast parser for it (with `new Function`), which costs far more
 * than the parses it would speed up. Checking a playbook parses some sixty object schemas once each; compiling their
 * parsers was half of what loading a playbook cost `irp status`.
 */
export const ONCE = { jitless: true } as const;
