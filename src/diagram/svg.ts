import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import type { PathTaken } from '../engine/pathTaken.ts';
import { importModule } from '../playbook/importModule.ts';
import { wrap } from '../render/text.ts';
import type { GraphNode, PlaybookGraph } from './playbookGraph.ts';
import { escapeHtml as escape } from '../render/html.ts';

const CHAR = 6.6; // width of a character of the diagram's 11-pixel sans-serif, generously
const LINE = 14;

/** The lines of a box's words: the title wrapped, then the role. */
function boxLines(node: GraphNode): string[] {
  const title = wrap(node.title, '', 30).split('\n');
  return node.role ? [...title, node.role] : title;
}

/**
 * The playbook as an SVG statechart, laid out by ELK (the Eclipse Layout Kernel, run in this process; no browser):
 * steps as boxes with their role, phases boxed around their steps, the regions of a parallel state side by side,
 * transitions as arrows labelled with their decision, guard (`[…]`) or timer. With an incident's path, the states
 * it went through are shaded, the one it is in outlined, and the moves it made drawn bold.
 */
export async function playbookSvg(graph: PlaybookGraph, taken?: PathTaken): Promise<string> {
  // elkjs's bundled build: the layout runs in this process (no worker, no browser). Loaded only when a diagram
  // is drawn (1.5 MB that no other command should pay for).
  const { default: ElkBundled } = await importModule<{ default: unknown }>('elkjs/lib/elk.bundled.js');
  const elk = new (ElkBundled as unknown as new () => { layout(graph: ElkNode): Promise<ElkNode> })();
  const toElk = (node: GraphNode): ElkNode => {
    if (node.children.length === 0) {
      const lines = boxLines(node);
      const width = node.kind === 'final' ? 60 : Math.max(...lines.map((line) => line.length)) * CHAR + 20;
      return { id: node.path, width, height: node.kind === 'final' ? 26 : lines.length * LINE + 12 };
    }
    return {
      id: node.path,
      layoutOptions: {
        'elk.padding': '[top=30,left=12,bottom=12,right=12]',
        // Regions of a parallel state side by side; the steps of a phase one after another, top to bottom.
        'elk.direction': node.kind === 'parallel' ? 'RIGHT' : 'DOWN',
      },
      children: node.children.map(toElk),
    };
  };
  const within = (path: string, ancestor: string) => path === ancestor || path.startsWith(`${ancestor}.`);
  /** An arrow the incident took: a move from inside its source to inside its target, by its event. */
  const tookEdge = (edge: PlaybookGraph['edges'][number]) =>
    (taken?.moves ?? []).some(
      (move) =>
        within(move.from, edge.from) &&
        within(move.to, edge.to) &&
        (edge.event === 'done' || (edge.event === 'after' ? move.event.startsWith('xstate.after.') : move.event === edge.event)),
    );
  const edges: ElkExtendedEdge[] = graph.edges.map((edge, index) => {
    const text = [edge.label, edge.timer, edge.guard ? `[${edge.guard}]` : ''].filter(Boolean).join(' ');
    const label = wrap(text, '', 34);
    const lines = label.split('\n');
    return {
      id: `e${index}`,
      sources: [edge.from],
      targets: [edge.to],
      labels: [{ id: `l${index}`, text: label, width: Math.max(...lines.map((l) => l.length)) * CHAR, height: lines.length * LINE }],
    };
  });
  const layout = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.edgeLabels.placement': 'CENTER',
      'elk.padding': '[top=12,left=12,bottom=12,right=12]',
    },
    children: graph.root.children.map(toElk),
    edges,
  });

  const byPath = new Map<string, GraphNode>();
  const index = (node: GraphNode) => {
    byPath.set(node.path, node);
    node.children.forEach(index);
  };
  index(graph.root);
  const parts: string[] = [];
  /** Where each node's own coordinate system starts on the page: an edge's points are relative to its container. */
  const origin = new Map<string, { x: number; y: number }>([['root', { x: 0, y: 0 }]]);
  const drawNode = (elkNode: ElkNode, dx: number, dy: number) => {
    const node = byPath.get(elkNode.id);
    const x = dx + (elkNode.x ?? 0);
    const y = dy + (elkNode.y ?? 0);
    origin.set(elkNode.id, { x, y });
    if (node) {
      const w = elkNode.width ?? 0;
      const h = elkNode.height ?? 0;
      const current = taken?.active.includes(node.path);
      const visited = taken?.visited.has(node.path);
      if (node.children.length > 0) {
        const dashed = node.kind === 'parallel' ? ' stroke-dasharray="6 3"' : '';
        parts.push(`<g class="phase"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="8" fill="${node.kind === 'parallel' ? '#fbfbfd' : '#f6f6f6'}" stroke="#8a8a8a"${dashed}/><text x="${x + 10}" y="${y + 18}" font-weight="600" fill="#333">${escape(node.title)}${node.kind === 'parallel' ? ' (side by side)' : ''}</text></g>`);
      } else if (node.kind === 'final') {
        parts.push(`<g class="final${visited ? ' visited' : ''}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="13" fill="${visited ? '#dfe9f5' : '#eee'}" stroke="#555" stroke-width="2"/><text x="${x + w / 2}" y="${y + 17}" text-anchor="middle" fill="#333">Done</text></g>`);
      } else {
        const fill = current ? '#fff1c2' : visited ? '#dfe9f5' : '#ffffff';
        const stroke = current ? '#8a5300' : visited ? '#1f5fa8' : '#555';
        const lines = boxLines(node);
        const texts = lines.map((line, i) => `<text x="${x + 10}" y="${y + 18 + i * LINE}" fill="${i === lines.length - 1 && node.role ? '#555' : '#1d1d1d'}"${i === lines.length - 1 && node.role ? ' font-style="italic"' : ''}>${escape(line)}</text>`);
        parts.push(`<g class="step${current ? ' current' : visited ? ' visited' : ''}"><title>${escape(`${node.title} (${node.path})`)}</title><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="${fill}" stroke="${stroke}" stroke-width="${current ? 3 : 1.2}"/>${texts.join('')}</g>`);
      }
    }
    for (const child of elkNode.children ?? []) drawNode(child, x, y);
  };
  for (const child of layout.children ?? []) drawNode(child, 0, 0);

  // ELK gives each edge's points relative to the node that contains it (`container`).
  for (const [i, elkEdge] of (layout.edges ?? []).entries()) {
    const edge = graph.edges[i];
    if (!edge) continue;
    const at = origin.get((elkEdge as { container?: string }).container ?? 'root') ?? { x: 0, y: 0 };
    const bold = tookEdge(edge);
    const colour = bold ? '#1f5fa8' : edge.timer ? '#6b4fa0' : '#666';
    for (const section of elkEdge.sections ?? []) {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => `${at.x + p.x},${at.y + p.y}`).join(' ');
      parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="${bold ? 2.6 : 1.1}"${edge.timer ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#arrow${bold ? '-bold' : ''})"/>`);
    }
    for (const label of elkEdge.labels ?? []) {
      const lines = (label.text ?? '').split('\n');
      parts.push(
        `<g class="edge-label">${lines.map((line: string, k: number) => `<text x="${at.x + (label.x ?? 0) + 2}" y="${at.y + (label.y ?? 0) + 11 + k * LINE}" fill="${colour}"${bold ? ' font-weight="600"' : ''}>${escape(line)}</text>`).join('')}</g>`,
      );
    }
  }
  const width = Math.ceil(layout.width ?? 0);
  const height = Math.ceil(layout.height ?? 0);
  const defs =
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#666"/></marker>' +
    '<marker id="arrow-bold" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#1f5fa8"/></marker></defs>';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11" role="img" aria-label="${escape(graph.root.title)}: the playbook as a statechart">${defs}<rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>\n`;
}
