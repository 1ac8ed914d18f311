import type { PathTaken } from '../engine/pathTaken.ts';
import type { GraphNode, PlaybookGraph } from './playbookGraph.ts';

/** A Mermaid id for a state path: letters, digits and underscores only. */
const idOf = (path: string) => (path === '' ? 'root' : `s_${path.replace(/[^A-Za-z0-9]/g, '_')}`);
/** Text Mermaid shows as it is: quotes, the characters it reads as syntax, and angle brackets written as entities. */
const text = (value: string) => value.replace(/"/g, '#quot;').replace(/[:;{}<>]/g, (c) => `#${c.charCodeAt(0)};`).replace(/\s+/g, ' ');

/**
 * The playbook as a Mermaid `stateDiagram-v2`, for people who paste it into their own tools: phases as composite
 * states, the regions of a parallel state separated by `--`, each step with its role, each transition with its
 * label, guard (`[…]`) or timer. With an incident's path, the states it visited and the one it is in are classed.
 */
export function playbookMermaid(graph: PlaybookGraph, taken?: PathTaken): string {
  const lines = ['stateDiagram-v2', '  direction TB'];
  const declare = (node: GraphNode, indent: string) => {
    const label = node.role ? `${node.title} (${node.role})` : node.title;
    if (node.children.length === 0) {
      lines.push(`${indent}state "${text(label)}" as ${idOf(node.path)}`);
      return;
    }
    lines.push(`${indent}state "${text(label)}" as ${idOf(node.path)} {`);
    node.children.forEach((child, index) => {
      if (node.kind === 'parallel' && index > 0) lines.push(`${indent}  --`);
      declare(child, `${indent}  `);
    });
    if (node.initial) lines.push(`${indent}  [*] --> ${idOf(node.initial)}`);
    lines.push(`${indent}}`);
  };
  for (const child of graph.root.children) declare(child, '  ');
  if (graph.root.initial) lines.push(`  [*] --> ${idOf(graph.root.initial)}`);
  for (const edge of graph.edges) {
    const detail = [edge.timer, edge.guard ? `[${edge.guard}]` : undefined].filter(Boolean).join(' ');
    lines.push(`  ${idOf(edge.from)} --> ${idOf(edge.to)} : ${text(edge.label)}${detail ? ` ${text(detail)}` : ''}`);
  }
  const finals = allNodes(graph.root).filter((node) => node.kind === 'final');
  lines.push('  classDef final fill:#eee,stroke:#777');
  if (finals.length > 0) lines.push(`  class ${finals.map((node) => idOf(node.path)).join(',')} final`);
  if (taken) {
    lines.push('  classDef visited fill:#e6f0fa,stroke:#1f5fa8', '  classDef current fill:#fff1c2,stroke:#8a5300,stroke-width:3px');
    const visited = [...taken.visited].filter((path) => !taken.active.includes(path));
    if (visited.length > 0) lines.push(`  class ${visited.map(idOf).join(',')} visited`);
    if (taken.active.length > 0) lines.push(`  class ${taken.active.map(idOf).join(',')} current`);
  }
  return `${lines.join('\n')}\n`;
}

export function allNodes(node: GraphNode): GraphNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}
