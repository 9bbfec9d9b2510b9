/**
 * A picture of one moment of the cluster view as a standalone SVG document, for slides and
 * papers: the ring of servers placed as the page places them, the links, the client, the
 * messages in flight where they are at that virtual time, each server's log under the ring,
 * and a caption. A pure function of plain data: no DOM, no page CSS (the style is embedded,
 * in the page's light colours, with a system font stack), every string escaped.
 */
import { majorityOf } from '../../raft/quorum';
import { CLIENT, type NodeId } from '../../raft/types';
import { dict } from '../../util/dict';
import type { NetworkView } from '../../worker/protocol';
import { messageAt } from '../cluster/livePaint';
import {
  CENTRE,
  heardMarkPath,
  NODE_R,
  ringPositions,
  termColour,
  transferArrow,
  VIEW,
  type Point,
} from '../cluster/palette';
import type { PictureMessage, PictureModel, PictureNode } from './pictureModel';
import { cutsOf, linkState } from '../cluster/linkState';
import { clockWords, contactCount, rateText, roleWord as pageRoleWord } from '../cluster/roleWords';

/** The page's light-theme colours (app.css :root), with links a shade darker for a projector. */
const C = {
  bg: '#ffffff',
  fg: '#111418',
  muted: '#4a5260',
  line: '#a7afbb',
  accent: '#0b57a4',
  follower: '#e7edf5',
  followerStroke: '#33475b',
  candidate: '#fde7b0',
  candidateStroke: '#8a5a00',
  precandidate: '#d9f2f5',
  precandidateStroke: '#0b5f6b',
  leader: '#cfeedd',
  leaderStroke: '#0f6b3d',
  crashed: '#d8d8d8',
  crashedStroke: '#6b6b6b',
  danger: '#b42318',
  timer: '#0b57a4',
  vote: '#6d28d9',
  ok: '#0f6b3d',
  fail: '#b42318',
  append: '#0b57a4',
  heartbeat: '#5b6472',
  client: '#8a5a00',
  prevote: '#0b5f6b',
  transfer: '#a3127f',
} as const;

const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans', sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace";

const STYLE = `
svg { font-family: ${FONT}; }
.halo { paint-order: stroke; stroke: ${C.bg}; stroke-width: 4px; stroke-linejoin: round; }
.link { stroke: ${C.line}; stroke-width: 2.5; }
.link-cut, .link-one-way { stroke: ${C.danger}; stroke-width: 3; stroke-dasharray: 9 6; }
.link-partitioned { stroke: ${C.muted}; stroke-width: 2.5; stroke-dasharray: 2 7; stroke-linecap: round; opacity: 0.7; }
.link-mark { fill: ${C.danger}; font-size: 15px; font-weight: 700; text-anchor: middle; dominant-baseline: middle; }
.client rect { fill: ${C.bg}; stroke: ${C.muted}; stroke-width: 1.5; stroke-dasharray: 4 3; }
.client text { fill: ${C.muted}; font-size: 15px; font-weight: 600; text-anchor: middle; }
.timer { fill: none; stroke: ${C.timer}; stroke-width: 6; stroke-linecap: butt; opacity: 0.85; }
.shape { stroke-width: 3; fill: ${C.follower}; stroke: ${C.followerStroke}; }
.role-candidate .shape { fill: ${C.candidate}; stroke: ${C.candidateStroke}; stroke-dasharray: 7 4; }
.role-pre-candidate .shape { fill: ${C.precandidate}; stroke: ${C.precandidateStroke}; stroke-dasharray: 2 5; stroke-linecap: round; stroke-width: 3.5; }
.pre-vote-got { fill: ${C.precandidateStroke}; }
.pre-vote-missing { fill: ${C.bg}; stroke: ${C.precandidateStroke}; stroke-width: 1.5; }
.transfer line { stroke: ${C.transfer}; stroke-width: 5; stroke-dasharray: 10 5; stroke-linecap: round; }
.transfer polygon { fill: ${C.transfer}; }
.transfer text { fill: ${C.transfer}; font-size: 15px; font-weight: 700; text-anchor: middle; dominant-baseline: middle; }
.heard-mark circle { stroke-width: 2; }
.heard-mark path { fill: none; stroke-width: 2.5; stroke-linecap: round; stroke-linejoin: round; }
.heard-mark.heard circle { fill: ${C.leader}; stroke: ${C.leaderStroke}; }
.heard-mark.heard path { stroke: ${C.leaderStroke}; }
.heard-mark.silent circle { fill: ${C.bg}; stroke: ${C.danger}; stroke-dasharray: 3 2; }
.heard-mark.silent path { stroke: ${C.danger}; }
.clock-face { fill: none; stroke: ${C.fg}; stroke-width: 1.8; stroke-linecap: round; }
.clock-note { font-size: 14px; font-weight: 700; text-anchor: start; fill: ${C.fg}; }
.role-leader .shape { fill: ${C.leader}; stroke: ${C.leaderStroke}; stroke-width: 5; }
.role-crashed .shape { fill: ${C.crashed}; stroke: ${C.crashedStroke}; stroke-dasharray: 4 4; }
.crown { fill: ${C.leaderStroke}; }
.crash-x { stroke: ${C.danger}; stroke-width: 5; stroke-linecap: round; fill: none; }
.node text { text-anchor: middle; }
.node-id { font-size: 26px; font-weight: 800; }
.node-term { font-size: 17px; font-weight: 700; }
.node-role { font-size: 17px; font-weight: 700; }
.role-crashed .node-id, .role-crashed .node-term { fill: #2a2e35; paint-order: stroke; stroke: ${C.crashed}; stroke-width: 3px; stroke-linejoin: round; }
.role-crashed .node-role { fill: ${C.danger}; }
.vote-got { fill: ${C.candidateStroke}; }
.vote-missing { fill: ${C.bg}; stroke: ${C.candidateStroke}; stroke-width: 1.5; }
.msg rect { stroke-width: 2; }
.msg text { font-size: 14px; font-weight: 700; text-anchor: middle; dominant-baseline: central; }
.msg-lost { opacity: 0.75; }
.msg-tag { font-size: 12px; font-weight: 700; text-anchor: middle; fill: ${C.muted}; }
.msg-tag.lost { fill: ${C.danger}; }
.heading { font-size: 20px; font-weight: 800; }
.log-id { font-size: 22px; font-weight: 800; }
.log-role { font-size: 18px; font-weight: 600; fill: ${C.muted}; }
.log-role.crashed { fill: ${C.danger}; font-weight: 800; }
.log-meta { font-size: 14px; fill: ${C.muted}; }
.log-kv { font-family: ${MONO}; font-size: 14px; fill: ${C.muted}; }
.cell rect { stroke: ${C.fg}; stroke-width: 2; }
.cell.uncommitted rect { stroke: ${C.muted}; stroke-width: 2.5; stroke-dasharray: 5 3; }
.cell-index { font-size: 12px; font-weight: 600; }
.cell-term { font-size: 21px; font-weight: 800; text-anchor: middle; }
.cell-label { font-size: 12px; font-weight: 600; text-anchor: middle; }
.cell-mark { font-size: 14px; font-weight: 800; text-anchor: end; }
.elided rect { fill: ${C.bg}; stroke: ${C.muted}; stroke-width: 1.5; stroke-dasharray: 2 3; }
.elided text { fill: ${C.muted}; text-anchor: middle; }
.flag rect { fill: ${C.accent}; stroke: none; }
.flag text { fill: #ffffff; font-size: 11px; font-weight: 700; text-anchor: middle; }
.legend { font-size: 15px; fill: ${C.muted}; }
.legend-mark { font-size: 14px; font-weight: 800; text-anchor: middle; }
.caption { font-size: 18px; font-weight: 700; }
.caption-note { font-size: 15px; fill: ${C.muted}; }
`;

/** Escapes text and attribute values for XML. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** A number for an attribute: at most two decimals, never "-0". */
function n(x: number): string {
  const r = Math.round(x * 100) / 100;
  return String(r === 0 ? 0 : r);
}

/** A time in milliseconds, to one decimal where it has one. */
export function formatMs(t: number): string {
  const r = Math.round(t * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** Shortens a string to `max` characters, ending in an ellipsis. */
function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** A rough width of a line of text: no font metrics outside a browser, so an estimate. */
function textWidth(s: string, size: number, bold = false): number {
  return [...s].length * size * (bold ? 0.62 : 0.56);
}

function tag(name: string, attrs: Record<string, string | number>, body?: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : escapeXml(v)}"`)
    .join('');
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

function text(attrs: Record<string, string | number>, content: string): string {
  return tag('text', attrs, escapeXml(content));
}

// Geometry of the picture.
const MARGIN = 28;
/** The part of the ring's 600 × 600 drawing that holds anything (crowns to vote dots). */
const RING_TOP = 10;
const RING_BOTTOM = 566;
const CELL = 56;
const GAP = 6;
const ROW = CELL + 20;
const HEAD_W = 230;
/** The most log entries a row shows (the latest; an elided box stands for the rest). */
const MAX_CELLS = 14;
const KV_CHARS = 28;
/** Room for the words "empty log". */
const EMPTY_W = 84;
const MIN_WIDTH = 960;

function links(view: PictureModel, pos: Record<NodeId, Point>): string {
  const out: string[] = [];
  const marks: string[] = [];
  view.ids.forEach((a, i) =>
    view.ids.slice(i + 1).forEach((b) => {
      const p = pos[a]!;
      const q = pos[b]!;
      const state = linkState(view.network, a, b);
      out.push(tag('line', { class: `link link-${state}`, x1: p.x, y1: p.y, x2: q.x, y2: q.y }));
      if (state === 'cut' || state === 'one-way') {
        const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
        // A one-way cut names the direction that is cut, as the page's link does.
        const word = state === 'cut' ? '✂ cut' : cutsOf(view.network, a, b).ab ? `✂ ${a}→${b}` : `✂ ${b}→${a}`;
        marks.push(text({ class: 'link-mark halo', x: mid.x, y: mid.y }, word));
      }
    }),
  );
  return tag('g', { class: 'links' }, out.join('') + marks.join(''));
}

/** Leadership transfers in progress (§3.10): a dashed arrow from the leader to its target, as the page draws it. */
function transfers(view: PictureModel, pos: Record<NodeId, Point>): string {
  const out: string[] = [];
  for (const id of view.ids) {
    const node = view.nodes[id]!;
    const to = node.transferTo;
    if (node.role !== 'leader' || to === null || !pos[id] || !pos[to]) continue;
    const { start, back, points, label: mid } = transferArrow(pos[id], pos[to]);
    out.push(
      tag(
        'g',
        { class: 'transfer' },
        tag('line', { x1: n(start.x), y1: n(start.y), x2: n(back.x), y2: n(back.y) }) +
          tag('polygon', { points }) +
          text({ class: 'halo', x: mid.x, y: mid.y }, `handing over to ${to}`),
      ),
    );
  }
  return out.join('');
}

function roleWord(node: PictureNode): string {
  return pageRoleWord(node);
}

/** The node's timer ring: 1 just reset, 0 when it fires (as the page's live layer draws it). */
function timerArc(view: PictureModel, node: PictureNode, at: Point): string {
  if (!node.up || node.deadline === null) return '';
  const total = node.role === 'leader' ? view.heartbeatInterval : view.electionTimeout[1];
  const f = Math.min(1, Math.max(0, (node.deadline - view.t) / total));
  if (f <= 0) return '';
  const r = NODE_R + 8;
  if (f >= 0.9999) return tag('circle', { class: 'timer', cx: at.x, cy: at.y, r });
  const a0 = -Math.PI / 2;
  const a1 = a0 + 2 * Math.PI * f;
  const d = `M ${n(at.x + r * Math.cos(a0))} ${n(at.y + r * Math.sin(a0))} A ${r} ${r} 0 ${f > 0.5 ? 1 : 0} 1 ${n(at.x + r * Math.cos(a1))} ${n(at.y + r * Math.sin(a1))}`;
  return tag('path', { class: 'timer', d });
}

/** One server as the page draws it: a shape per role, id, term, role word, votes, crash mark. */
function server(node: PictureNode, at: Point, majority: number, size: number): string {
  const r = NODE_R;
  const word = roleWord(node);
  const parts: string[] = [];
  if (!node.up) parts.push(tag('circle', { class: 'shape', r }));
  else if (node.role === 'leader') {
    const pts = Array.from({ length: 8 }, (_, i) => {
      const a = Math.PI / 8 + (i * Math.PI) / 4;
      return `${n(r * 1.04 * Math.cos(a))},${n(r * 1.04 * Math.sin(a))}`;
    }).join(' ');
    parts.push(tag('polygon', { class: 'shape', points: pts }));
    parts.push(tag('path', { class: 'crown', d: `M -16 ${-r - 6} l 0 -14 l 8 7 l 8 -11 l 8 11 l 8 -7 l 0 14 z` }));
  } else if (node.role === 'candidate') {
    const s = r * 0.86;
    parts.push(
      tag('rect', { class: 'shape', x: -s, y: -s, width: 2 * s, height: 2 * s, rx: 6, transform: 'rotate(45)' }),
    );
  } else if (node.role === 'precandidate') {
    const s = r * 0.9;
    parts.push(tag('rect', { class: 'shape', x: -s, y: -s, width: 2 * s, height: 2 * s, rx: 12 }));
  } else parts.push(tag('circle', { class: 'shape', r }));
  // The cross goes under the words here (the page draws it over them), so they stay legible.
  if (!node.up) parts.push(tag('path', { class: 'crash-x', d: 'M -30 -30 L 30 30 M 30 -30 L -30 30' }));
  parts.push(text({ class: 'node-id', y: -8 }, node.id));
  parts.push(text({ class: 'node-term', y: 21 }, `term ${node.term}`));
  const voted = node.up && node.role !== 'leader' && node.votedFor !== null ? ` · voted ${node.votedFor}` : '';
  parts.push(text({ class: 'node-role halo', y: r + 26 }, word + voted));
  // A leader's CheckQuorum contact on a line of its own, as the page shows it.
  if (node.quorumContact !== null)
    parts.push(text({ class: 'node-role halo', y: r + 46 }, `heard ${contactCount(node.quorumContact, size)}`));
  if (node.heard !== null)
    parts.push(
      tag(
        'g',
        {
          class: `heard-mark ${node.heard ? 'heard' : 'silent'}`,
          transform: `translate(${n(-r * 0.78)} ${n(-r * 0.78)})`,
        },
        tag('circle', { r: 10 }) + tag('path', { d: heardMarkPath(node.heard) }),
      ),
    );
  if (node.up && node.role === 'candidate') {
    const total = Math.max(majority, node.votes.length);
    const width = (total - 1) * 13;
    const dots = Array.from({ length: total }, (_, i) =>
      tag('circle', { class: i < node.votes.length ? 'vote-got' : 'vote-missing', cx: i * 13 - width / 2, r: 5 }),
    ).join('');
    parts.push(tag('g', { class: 'votes', transform: `translate(0 ${r + 38})` }, dots));
  }
  if (node.up && node.role === 'precandidate') {
    const total = Math.max(majority, node.votes.length);
    const width = (total - 1) * 13;
    const squares = Array.from({ length: total }, (_, i) =>
      tag('rect', {
        class: i < node.votes.length ? 'pre-vote-got' : 'pre-vote-missing',
        x: i * 13 - width / 2 - 4.5,
        y: -4.5,
        width: 9,
        height: 9,
      }),
    ).join('');
    parts.push(tag('g', { class: 'votes', transform: `translate(0 ${r + 38})` }, squares));
  }
  const clock = clockWords(node.clockRate);
  if (clock !== null) {
    // A clock face drawn, not a ⏱ character: not every font that opens the file has one.
    const face = { x: r + 12, y: -r - 3 };
    parts.push(
      tag('circle', { class: 'clock-face', cx: face.x, cy: face.y, r: 8 }) +
        tag('path', {
          class: 'clock-face',
          d: `M ${face.x} ${face.y} l 0 -5 M ${face.x} ${face.y} l ${node.clockRate > 1 ? 4 : -4} 2`,
        }),
      text(
        { class: 'clock-note halo', x: face.x + 12, y: -r + 2 },
        `${rateText(node.clockRate)} ${node.clockRate > 1 ? 'fast' : 'slow'}`,
      ),
    );
  }
  return tag(
    'g',
    { class: `node role-${word}`, transform: `translate(${n(at.x)} ${n(at.y)})` },
    tag('title', {}, escapeXml(`${node.id}, ${word}, term ${node.term}`)) + parts.join(''),
  );
}

/** Stroke, fill and text of a message, as the page's live layer paints each kind. */
function messageStyle(m: PictureMessage): { stroke: string; fill: string; text: string; dashed: boolean } {
  const plain = (colour: string, dashed = false) => ({ stroke: colour, fill: C.bg, text: colour, dashed });
  const filled = (colour: string) => ({ stroke: colour, fill: colour, text: C.bg, dashed: false });
  switch (m.variant) {
    case 'vote-request':
      return plain(C.vote);
    case 'vote-granted':
      return filled(C.vote);
    case 'vote-denied':
      return { ...plain(C.vote), text: C.fail };
    case 'prevote-request':
      return plain(C.prevote);
    case 'prevote-granted':
      return filled(C.prevote);
    case 'prevote-denied':
      return { ...plain(C.prevote), text: C.fail };
    case 'timeout-now':
      return filled(C.transfer);
    case 'heartbeat':
      return plain(C.heartbeat);
    case 'append':
      return filled(C.append);
    case 'append-ok':
      return plain(C.ok);
    case 'append-fail':
      return plain(C.fail);
    case 'client':
      return plain(C.client, true);
  }
}

function message(view: PictureModel, pos: Record<NodeId, Point>, m: PictureMessage): string {
  const p = messageAt(pos, m, view.t, false);
  const st = messageStyle(m);
  const h = 24;
  const w = Math.max(26, textWidth(m.glyph, 14, true) + 14);
  const dashed = st.dashed || m.lost;
  const pill = tag('rect', {
    x: p.x - w / 2,
    y: p.y - h / 2,
    width: w,
    height: h,
    rx: h / 2,
    fill: st.fill,
    stroke: st.stroke,
    ...(dashed ? { 'stroke-dasharray': '3 2' } : {}),
  });
  const label = text({ x: p.x, y: p.y + 0.5, fill: st.text }, m.glyph);
  const note = m.held ? 'held' : m.lost ? 'lost' : '';
  const extra = note
    ? text({ class: `msg-tag halo${m.lost && !m.held ? ' lost' : ''}`, x: p.x, y: p.y + h / 2 + 13 }, note)
    : '';
  const cls = `msg msg-${m.variant}${m.lost ? ' msg-lost' : ''}${m.held ? ' msg-held' : ''}`;
  return tag('g', { class: cls }, pill + label + extra);
}

/** One log entry: term colour fill and a ✓ when committed; a pale fill and dashed border when not. */
function cell(index: number, term: number, label: string, committed: boolean, x: number, y: number): string {
  const c = termColour(term);
  const box = tag('rect', {
    x,
    y,
    width: CELL,
    height: CELL,
    rx: 6,
    fill: c.fill,
    ...(committed ? {} : { 'fill-opacity': 0.22 }),
  });
  const ink = committed ? c.text : C.fg;
  const parts = [
    box,
    text({ class: 'cell-index', x: x + 5, y: y + 14, fill: ink }, String(index)),
    text({ class: 'cell-term', x: x + CELL / 2, y: y + 35, fill: ink }, String(term)),
    text({ class: 'cell-label', x: x + CELL / 2, y: y + CELL - 6, fill: ink }, clip(label, 6)),
  ];
  if (committed) parts.push(text({ class: 'cell-mark', x: x + CELL - 5, y: y + 15, fill: ink }, '✓'));
  const name = `index ${index}, term ${term}, ${label}, ${committed ? 'committed' : 'uncommitted'}`;
  return tag(
    'g',
    { class: `cell ${committed ? 'committed' : 'uncommitted'}` },
    tag('title', {}, escapeXml(name)) + parts.join(''),
  );
}

interface LogLayout {
  readonly first: number;
  readonly elided: boolean;
  readonly cellsWidth: number;
  readonly kv: string;
}

function logLayout(node: PictureNode): LogLayout {
  const len = node.log.length;
  const elided = len > MAX_CELLS;
  const first = elided ? len - (MAX_CELLS - 1) : 0;
  const boxes = elided ? MAX_CELLS : len;
  const kv = [...node.kv]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const cellsWidth = len === 0 ? EMPTY_W : boxes * (CELL + GAP);
  return { first, elided, cellsWidth, kv: clip(kv || '∅', KV_CHARS) };
}

function logRow(node: PictureNode, layout: LogLayout, x0: number, y: number): string {
  const parts: string[] = [];
  const word = roleWord(node);
  parts.push(
    tag(
      'text',
      { x: x0, y: y + 26 },
      tag('tspan', { class: 'log-id' }, escapeXml(node.id)) +
        tag('tspan', { class: `log-role${node.up ? '' : ' crashed'}`, dx: 10 }, escapeXml(word)),
    ),
  );
  const meta = [`commit ${node.commitIndex}`];
  if (node.next !== null && node.match !== null) meta.push(`next ${node.next} · match ${node.match}`);
  parts.push(text({ class: 'log-meta', x: x0, y: y + 48 }, meta.join(' · ')));
  let x = x0 + HEAD_W;
  const top = y + 6;
  if (node.log.length === 0) {
    parts.push(text({ class: 'log-meta', x, y: top + CELL / 2 + 5 }, 'empty log'));
    x += EMPTY_W;
  }
  if (layout.elided) {
    parts.push(
      tag(
        'g',
        { class: 'elided' },
        tag('rect', { x, y: top, width: CELL, height: CELL, rx: 6 }) +
          text({ x: x + CELL / 2, y: top + 26, 'font-size': 20, 'font-weight': 800 }, '…') +
          text({ x: x + CELL / 2, y: top + CELL - 8, 'font-size': 11 }, `${layout.first} more`),
      ),
    );
    x += CELL + GAP;
  }
  for (let i = layout.first; i < node.log.length; i++) {
    const e = node.log[i]!;
    const index = i + 1;
    parts.push(cell(index, e.term, e.label, index <= node.commitIndex, x, top));
    if (index === node.next) {
      parts.push(
        tag(
          'g',
          { class: 'flag' },
          tag('rect', { x: x + CELL / 2 - 17, y: top - 11, width: 34, height: 14, rx: 3 }) +
            text({ x: x + CELL / 2, y: top, 'font-size': 11 }, 'next'),
        ),
      );
    }
    x += CELL + GAP;
  }
  parts.push(text({ class: 'log-kv', x: x + 8, y: top + CELL / 2 + 5 }, layout.kv));
  return tag('g', { class: `log-row${node.up ? '' : ' crashed'}` }, parts.join(''));
}

/** The legend of the log boxes: committed and uncommitted apart without colour. */
function logLegend(x: number, y: number): string {
  const s = 26;
  const box = (bx: number, committed: boolean) =>
    tag('rect', {
      x: bx,
      y: y - s / 2 - 5,
      width: s,
      height: s,
      rx: 4,
      fill: termColour(8).fill,
      stroke: committed ? C.fg : C.muted,
      'stroke-width': committed ? 2 : 2.5,
      ...(committed ? {} : { 'fill-opacity': 0.22, 'stroke-dasharray': '5 3' }),
    });
  const first = 'committed: solid border, filled, ✓';
  const second = 'uncommitted: dashed border, pale';
  const x2 = x + s + 8 + textWidth(first, 15) + 28;
  const x3 = x2 + s + 8 + textWidth(second, 15) + 28;
  const parts = [
    box(x, true),
    text({ class: 'legend-mark', x: x + s / 2, y: y - 1, fill: termColour(8).text }, '✓'),
    text({ class: 'legend', x: x + s + 8, y }, first),
    box(x2, false),
    text({ class: 'legend', x: x2 + s + 8, y }, second),
    text({ class: 'legend', x: x3, y }, 'colour = term'),
  ];
  return tag('g', { class: 'log-legend' }, parts.join(''));
}

function partitionNote(net: NetworkView): string {
  const notes: string[] = [];
  if (net.groups !== null) notes.push(`partition ${net.groups.map((g) => `{${g.join(' ')}}`).join(' | ')}`);
  if (net.cuts.length > 0) notes.push(`cut ${net.cuts.map((c) => c.replace('>', '→')).join(', ')}`);
  if (net.drop > 0) notes.push(`loss ${Math.round(net.drop * 100)}%`);
  if (net.duplicate > 0) notes.push(`duplication ${Math.round(net.duplicate * 100)}%`);
  return notes.join(' · ');
}

interface Layout {
  readonly width: number;
  readonly height: number;
  readonly ringX: number;
  readonly ringY: number;
  readonly logsY: number;
  readonly rowsY: number;
  readonly legendY: number;
  readonly captionY: number;
  readonly logs: Readonly<Record<NodeId, LogLayout>>;
}

function layout(view: PictureModel): Layout {
  const logs: Record<NodeId, LogLayout> = dict();
  let widest = 0;
  for (const id of view.ids) {
    const l = logLayout(view.nodes[id]!);
    logs[id] = l;
    widest = Math.max(widest, HEAD_W + l.cellsWidth + 8 + textWidth(l.kv, 14));
  }
  const width = Math.ceil(Math.max(MIN_WIDTH, VIEW + 2 * MARGIN, widest + 2 * MARGIN));
  const ringY = MARGIN - RING_TOP;
  const logsY = ringY + RING_BOTTOM + 20;
  const rowsY = logsY + 22;
  const legendY = rowsY + view.ids.length * ROW + 22;
  const captionY = legendY + 44;
  const height = Math.ceil(captionY + (partitionNote(view.network) ? 26 : 0) + MARGIN - 4);
  return { width, height, ringX: (width - VIEW) / 2, ringY, logsY, rowsY, legendY, captionY, logs };
}

/** The size of the picture `pictureSvg` draws, in CSS pixels. */
export function pictureSize(view: PictureModel): { width: number; height: number } {
  const { width, height } = layout(view);
  return { width, height };
}

/** The standalone SVG document of the moment `view` describes. */
export function pictureSvg(view: PictureModel): string {
  const L = layout(view);
  const pos = ringPositions(view.ids);
  const majority = majorityOf(view.ids.length);
  const caption = `${view.scenario || 'run'} · seed ${view.seed} · t = ${formatMs(view.t)} ms`;
  const net = partitionNote(view.network);
  const description = view.ids
    .map((id) => {
      const node = view.nodes[id]!;
      const extra = [
        node.transferTo !== null ? `, handing leadership to ${node.transferTo}` : '',
        node.quorumContact !== null ? `, heard from ${contactCount(node.quorumContact, view.ids.length)}` : '',
        node.heard === null ? '' : node.heard ? ', heard by the leader' : ', not heard by the leader',
      ].join('');
      return `${id}, ${roleWord(node)}, term ${node.term}, log ${node.log.length}, committed ${node.commitIndex}${extra}`;
    })
    .join('; ');

  const ring = [
    links(view, pos),
    tag(
      'g',
      { class: 'client', transform: `translate(${CENTRE.x} ${CENTRE.y})` },
      tag('rect', { x: -34, y: -16, width: 68, height: 32, rx: 6 }) + text({ y: 5 }, CLIENT),
    ),
    ...view.ids.map((id) => timerArc(view, view.nodes[id]!, pos[id]!)),
    ...view.ids.map((id) => server(view.nodes[id]!, pos[id]!, majority, view.ids.length)),
    transfers(view, pos),
    ...view.messages.map((m) => message(view, pos, m)),
  ].join('\n');

  const rows = view.ids.map((id, i) => logRow(view.nodes[id]!, L.logs[id]!, MARGIN, L.rowsY + i * ROW)).join('\n');

  const body = [
    tag('title', {}, escapeXml(`Raft cluster: ${caption}`)),
    tag('desc', {}, escapeXml(description)),
    tag('style', {}, STYLE),
    tag('rect', { class: 'background', x: 0, y: 0, width: L.width, height: L.height, fill: C.bg }),
    tag('g', { class: 'ring', transform: `translate(${n(L.ringX)} ${n(L.ringY)})` }, ring),
    text({ class: 'heading', x: MARGIN, y: L.logsY }, 'Logs'),
    tag('g', { class: 'logs' }, rows),
    logLegend(MARGIN, L.legendY),
    text({ class: 'caption', x: MARGIN, y: L.captionY }, caption),
    net ? text({ class: 'caption-note', x: MARGIN, y: L.captionY + 24 }, net) : '',
  ].join('\n');

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    tag(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        version: '1.1',
        width: L.width,
        height: L.height,
        viewBox: `0 0 ${L.width} ${L.height}`,
        role: 'img',
      },
      `\n${body}\n`,
    ) +
    '\n'
  );
}
