/** Text made safe inside HTML or SVG, in an element or a quoted attribute: the one escaping helper of irp's pages. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
