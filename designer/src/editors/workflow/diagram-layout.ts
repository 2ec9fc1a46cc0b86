import type { WorkflowMetadata } from './workflow-types.ts';

/**
 * Where the diagram draws each state and transition. States are placed in columns by their
 * distance from the initial state (breadth first over the transitions), in the order the
 * workflow lists them; states no path reaches get a column of their own at the end.
 * Transitions are quadratic curves between box edges; several between the same two states
 * bend apart so that each stays visible, and a transition back to its own state is a loop.
 */

export const BOX = { width: 176, height: 60 } as const;
const GAP = { column: 160, row: 64 } as const;
/** Room around the boxes for the initial marker, loops and labels of curved arrows. */
const MARGIN = 64;
const BEND_STEP = 72;

export interface Point {
  x: number;
  y: number;
}

/** A state's box; `x` and `y` are its top-left corner. */
export interface StateBox extends Point {
  name: string;
  column: number;
}

export interface Arrow {
  transition: number;
  from: string;
  to: string;
  /** SVG path data. */
  path: string;
  label: Point;
}

export interface DiagramLayout {
  width: number;
  height: number;
  boxes: Map<string, StateBox>;
  arrows: Arrow[];
}

function columnsOf(workflow: WorkflowMetadata): Map<string, number> {
  const columns = new Map<string, number>([[workflow.initial, 0]]);
  const queue = [workflow.initial];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const transition of workflow.transitions) {
      if (!transition.from.includes(current) || columns.has(transition.to)) continue;
      columns.set(transition.to, (columns.get(current) ?? 0) + 1);
      queue.push(transition.to);
    }
  }
  const unreached = Math.max(-1, ...columns.values()) + 1;
  for (const state of workflow.states) if (!columns.has(state.name)) columns.set(state.name, unreached);
  return columns;
}

export function layoutDiagram(workflow: WorkflowMetadata): DiagramLayout {
  const columns = columnsOf(workflow);
  const rows = new Map<number, number>();
  const boxes = new Map<string, StateBox>();
  for (const state of workflow.states) {
    if (boxes.has(state.name)) continue;
    const column = columns.get(state.name) ?? 0;
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    boxes.set(state.name, {
      name: state.name,
      column,
      x: MARGIN + column * (BOX.width + GAP.column),
      y: MARGIN + row * (BOX.height + GAP.row),
    });
  }
  const columnCount = Math.max(0, ...[...boxes.values()].map((box) => box.column + 1));
  const rowCount = Math.max(0, ...rows.values());
  return {
    width: 2 * MARGIN + columnCount * (BOX.width + GAP.column) - GAP.column,
    height: 2 * MARGIN + rowCount * (BOX.height + GAP.row) - GAP.row,
    boxes,
    arrows: arrowsOf(workflow, boxes),
  };
}

function centre(box: StateBox): Point {
  return { x: box.x + BOX.width / 2, y: box.y + BOX.height / 2 };
}

/** Where the line from the box's centre towards `toward` leaves the box. */
function exitPoint(box: StateBox, toward: Point): Point {
  const from = centre(box);
  const dx = toward.x - from.x;
  const dy = toward.y - from.y;
  const scale = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : BOX.width / 2 / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : BOX.height / 2 / Math.abs(dy),
  );
  return { x: from.x + dx * scale, y: from.y + dy * scale };
}

function insideAnotherBox(point: Point, boxes: Iterable<StateBox>, ends: readonly string[]): boolean {
  for (const box of boxes) {
    if (ends.includes(box.name)) continue;
    const inside =
      point.x > box.x - 8 && point.x < box.x + BOX.width + 8 && point.y > box.y - 8 && point.y < box.y + BOX.height + 8;
    if (inside) return true;
  }
  return false;
}

function arrowsOf(workflow: WorkflowMetadata, boxes: Map<string, StateBox>): Arrow[] {
  const pairs = new Map<string, number>();
  const ends: { transition: number; from: string; to: string }[] = [];
  workflow.transitions.forEach((transition, index) => {
    for (const from of transition.from) {
      if (boxes.has(from) && boxes.has(transition.to)) ends.push({ transition: index, from, to: transition.to });
    }
  });
  const pairKey = (a: string, b: string) => (a < b ? `${a}\n${b}` : `${b}\n${a}`);
  const counts = new Map<string, number>();
  for (const end of ends) counts.set(pairKey(end.from, end.to), (counts.get(pairKey(end.from, end.to)) ?? 0) + 1);
  return ends.map((end) => {
    const source = boxes.get(end.from) as StateBox;
    const target = boxes.get(end.to) as StateBox;
    if (end.from === end.to) return { ...end, ...loop(source, pairs.get(end.from) ?? 0, pairs, end.from) };
    const key = pairKey(end.from, end.to);
    const order = pairs.get(key) ?? 0;
    pairs.set(key, order + 1);
    return { ...end, ...curve(source, target, order, counts.get(key) ?? 1, [...boxes.values()]) };
  });
}

function curve(source: StateBox, target: StateBox, order: number, count: number, boxes: StateBox[]) {
  const a = centre(source);
  const b = centre(target);
  // Bend relative to one fixed direction per pair, so A→B and B→A bend to opposite sides.
  const canonical = source.name < target.name ? 1 : -1;
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const normal = { x: (-(b.y - a.y) / length) * canonical, y: ((b.x - a.x) / length) * canonical };
  let bend = (order - (count - 1) / 2) * BEND_STEP;
  const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // A straight line through a third box would hide behind it: bend until the middle is clear.
  while (insideAnotherBox(pointAt(middle, normal, bend), boxes, [source.name, target.name]) && Math.abs(bend) < 600) {
    bend += BEND_STEP;
  }
  const control = pointAt(middle, normal, bend * 2);
  const start = exitPoint(source, control);
  const end = exitPoint(target, control);
  const label = {
    x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
  return { path: `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`, label };
}

function pointAt(from: Point, normal: Point, distance: number): Point {
  return { x: from.x + normal.x * distance, y: from.y + normal.y * distance };
}

/** A loop over the top of the box; further loops on the same state are drawn larger. */
function loop(box: StateBox, order: number, pairs: Map<string, number>, name: string) {
  pairs.set(name, order + 1);
  const top = box.y;
  const middle = box.x + BOX.width / 2;
  const height = 40 + order * 16;
  return {
    path: `M ${middle - 24} ${top} C ${middle - 48} ${top - height} ${middle + 48} ${top - height} ${middle + 24} ${top}`,
    label: { x: middle, y: top - height * 0.75 - 4 },
  };
}
