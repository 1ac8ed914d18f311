/** Text made safe inside HTML or SVG, in an element or a quoted attribute: the one escaping helper of irp's pages. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The start of one of irp's self-contained pages, up to and including `<body>`: no scripts, nothing fetched (a
 * content security policy that allows only the page's own styles and data: images), the title escaped, the common
 * look, then the page's own `css`.
 */
export function pageStart(title: string, css: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1000px; color: #1d1d1d; padding: 0 1rem; }
${css}</style>
</head>
<body>`;
}
