import { describe, expect, it } from 'vitest';
import { useSim } from '../../store/simStore';
import type { EntryView, MessageView, NodeView } from '../../worker/protocol';
import { messageAt } from '../cluster/livePaint';
import { ringPositions } from '../cluster/palette';
import { pictureFileName, pictureModelFrom, type PictureModel, type PictureNode } from './pictureModel';
import { escapeXml, pictureSize, pictureSvg } from './pictureSvg';

/**
 * A small XML well-formedness check (the test environment has no DOMParser): one root element,
 * balanced tags, quoted attributes without duplicates, and text with no raw `<` and only
 * known entities after `&`. Returns the problems found.
 */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
  const checkAmps = (s: string, where: string) => {
    for (let k = s.indexOf('&'); k >= 0; k = s.indexOf('&', k + 1)) {
      entity.lastIndex = k;
      if (!entity.test(s)) problems.push(`bare & in ${where}: ${s.slice(k, k + 12)}`);
    }
  };
  const startTag = /<([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*"[^"<]*")*)\s*(\/?)>/y;
  const endTag = /<\/([A-Za-z_][\w:.-]*)\s*>/y;
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const between = xml.slice(i, textEnd);
    if (stack.length === 0 && between.trim() !== '') problems.push(`text outside the root: ${between.trim()}`);
    if (between.includes('>')) problems.push(`raw > in text: ${between}`);
    checkAmps(between, 'text');
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return [...problems, 'unclosed comment'];
      i = end + 3;
      continue;
    }
    endTag.lastIndex = lt;
    const close = endTag.exec(xml);
    if (close) {
      const open = stack.pop();
      if (open !== close[1]) problems.push(`</${close[1]}> closes <${open}>`);
      i = endTag.lastIndex;
      continue;
    }
    startTag.lastIndex = lt;
    const start = startTag.exec(xml);
    if (!start) return [...problems, `malformed tag at ${lt}: ${xml.slice(lt, lt + 40)}`];
    const names = [...start[2]!.matchAll(/([A-Za-z_][\w:.-]*)\s*=\s*"([^"]*)"/g)];
    const seen = new Set<string>();
    for (const [, name, value] of names) {
      if (seen.has(name!)) problems.push(`duplicate attribute ${name} on <${start[1]}>`);
      seen.add(name!);
      checkAmps(value!, `attribute ${name}`);
    }
    if (stack.length === 0) roots++;
    if (start[3] !== '/') stack.push(start[1]!);
    i = startTag.lastIndex;
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text content of every <text> element (tspans joined), unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)].map((m) => unescape(m[1]!.replace(/<[^>]*>/g, ' ')));
}

const entry = (term: number, label: string): EntryView => ({ term, label, id: null });

function node(id: string, over: Partial<PictureNode> = {}): PictureNode {
  return {
    id,
    up: true,
    role: 'follower',
    term: 2,
    votedFor: null,
    votes: [],
    clockRate: 1,
    commitIndex: 0,
    deadline: 400,
    log: [],
    kv: new Map(),
    next: null,
    match: null,
    transferTo: null,
    quorumContact: null,
    heard: null,
    ...over,
  };
}

const HOSTILE = '<script>alert("&")</script>';

function model(over: Partial<PictureModel> = {}): PictureModel {
  const log = [entry(1, 'no-op'), entry(2, 'no-op'), entry(2, `x=${HOSTILE}`), entry(2, 'y=2')];
  const ids = ['S1', 'S2', 'S3', 'S4', 'S5'];
  return {
    scenario: 'basic-election',
    seed: 7,
    t: 1234.56,
    ids,
    nodes: {
      S1: node('S1', { role: 'leader', commitIndex: 2, log, kv: new Map([['x', HOSTILE]]), deadline: 1260 }),
      S2: node('S2', { up: false, deadline: null, log: log.slice(0, 2), commitIndex: 1 }),
      S3: node('S3', { role: 'candidate', term: 3, votes: ['S3', 'S4'], votedFor: 'S3', log: log.slice(0, 3) }),
      S4: node('S4', { votedFor: 'S3', log: log.slice(0, 3), commitIndex: 2, next: 4, match: 3 }),
      S5: node('S5', { commitIndex: 2, log, next: 5, match: 4 }),
    },
    network: { cuts: ['S1>S2', 'S2>S1', 'S3>S5'], groups: null, drop: 0, duplicate: 0 },
    messages: [
      {
        key: 'm1',
        msgId: 1,
        variant: 'append',
        glyph: '+1',
        from: 'S1',
        to: 'S4',
        sentAt: 1200,
        arriveAt: 1250,
        held: false,
        lost: false,
      },
      {
        key: 'm2',
        msgId: 2,
        variant: 'vote-request',
        glyph: 'vote? t3',
        from: 'S3',
        to: 'S5',
        sentAt: 1230,
        arriveAt: Infinity,
        held: true,
        lost: false,
      },
      {
        key: 'm3',
        msgId: 3,
        variant: 'client',
        glyph: 'write',
        from: 'client',
        to: 'S1',
        sentAt: 1220,
        arriveAt: 1240,
        held: false,
        lost: true,
      },
    ],
    electionTimeout: [150, 300],
    heartbeatInterval: 50,
    ...over,
  };
}

describe('pictureSvg', () => {
  const svg = pictureSvg(model());

  it('is a well-formed standalone SVG document', () => {
    expect(xmlProblems(svg)).toEqual([]);
    const { width, height } = pictureSize(model());
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    expect(svg).toMatch(/<style>[^<]*font-family: system-ui/);
    expect(svg).not.toMatch(/<link|@import|url\(|href=/);
  });

  it('the well-formedness check itself catches broken markup', () => {
    expect(xmlProblems('<svg><g></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a & b</text></svg>')).not.toEqual([]);
    expect(xmlProblems('<svg a="1" a="2"/>')).not.toEqual([]);
    expect(xmlProblems('<svg/><svg/>')).not.toEqual([]);
    expect(xmlProblems('<svg><text>a &amp; b &lt; c</text></svg>')).toEqual([]);
  });

  it('names every server with its role and term', () => {
    const all = texts(svg);
    for (const [id, role, term] of [
      ['S1', 'leader', 2],
      ['S2', 'crashed', 2],
      ['S3', 'candidate', 3],
      ['S4', 'follower', 2],
      ['S5', 'follower', 2],
    ] as const) {
      expect(all).toContain(id);
      expect(svg).toContain(`<title>${id}, ${role}, term ${term}</title>`);
    }
    expect(all).toContain('term 3');
    expect(all.filter((t) => /^(leader|candidate|follower|crashed)\b/.test(t)).length).toBeGreaterThanOrEqual(5);
    expect(all).toContain('follower · voted S3');
  });

  it('marks a crashed server in words and with a cross, in the ring and in its log row', () => {
    const crashed = /<g class="node role-crashed"[^>]*><title>S2, crashed, term 2<\/title>(.*?)<\/g>/.exec(svg);
    expect(crashed).not.toBeNull();
    expect(crashed![1]).toContain('>crashed</text>');
    expect(crashed![1]).toContain('class="crash-x"');
    expect(svg).toMatch(/<tspan class="log-id">S2<\/tspan><tspan class="log-role crashed"[^>]*>crashed<\/tspan>/);
  });

  it('escapes what writes and names carry: a hostile value is text, never markup', () => {
    expect(svg).not.toContain('<script');
    expect(svg).toContain(escapeXml(`x=${HOSTILE}`));
    expect(texts(svg).some((t) => t.includes('x=<script>alert'))).toBe(true);
    const odd = pictureSvg(model({ scenario: 'a&b "c" <d>' }));
    expect(xmlProblems(odd)).toEqual([]);
    expect(texts(odd)).toContain('a&b "c" <d> · seed 7 · t = 1234.6 ms');
  });

  it('tells committed from uncommitted entries without colour: a ✓ and a solid border, or a dashed one', () => {
    const cells = [...svg.matchAll(/<g class="cell (committed|uncommitted)"><title>([^<]*)<\/title>(.*?)<\/g>/g)];
    // Logs of 4, 2, 3, 3 and 4 entries, of which 2, 1, 0, 2 and 2 committed.
    expect(cells).toHaveLength(16);
    const committed = cells.filter((c) => c[1] === 'committed');
    const uncommitted = cells.filter((c) => c[1] === 'uncommitted');
    expect(committed).toHaveLength(7);
    for (const c of committed) {
      expect(c[2]).toMatch(/, committed$/);
      expect(c[3]).toContain('>✓</text>');
    }
    for (const c of uncommitted) {
      expect(c[2]).toMatch(/, uncommitted$/);
      expect(c[3]).not.toContain('✓');
    }
    expect(svg).toMatch(/\.cell\.uncommitted rect \{[^}]*stroke-dasharray/);
    expect(svg).not.toMatch(/\.cell rect \{[^}]*stroke-dasharray/);
    expect(texts(svg).some((t) => t.startsWith('committed:'))).toBe(true);
  });

  it('draws messages where the live layer puts them at the picture time, held ones waiting half-way', () => {
    const view = model();
    const pos = ringPositions(view.ids);
    const ring = /<g class="ring" transform="translate\(([\d.]+) ([\d.-]+)\)">/.exec(svg)!;
    expect(ring).not.toBeNull();
    const labelX = (variant: string) =>
      Number(new RegExp(`<g class="msg msg-${variant}[^"]*">.*?<text x="([\\d.]+)"`).exec(svg)![1]);
    for (const m of view.messages) {
      const p = messageAt(pos, m, view.t, false);
      expect(labelX(m.variant)).toBeCloseTo(p.x, 1);
    }
    // The append left at 1200 and arrives at 1250: at 1234.56 it is about 69% of the way.
    const later = pictureSvg(model({ t: 1249 }));
    expect(later).not.toEqual(svg);
    expect(svg).toMatch(/<g class="msg msg-vote-request msg-held">.*?>vote\? t3<\/text>.*?>held<\/text><\/g>/);
    expect(svg).toMatch(/<g class="msg msg-client msg-lost">.*?>write<\/text>.*?>lost<\/text><\/g>/);
    expect(svg).toContain('>+1</text>');
  });

  it('marks cut links in words and dashes, and notes a partition in the caption', () => {
    expect(svg.match(/class="link link-cut"/g)).toHaveLength(1);
    expect(svg.match(/class="link link-one-way"/g)).toHaveLength(1);
    expect(texts(svg)).not.toContain('✂ S5→S3');
    expect(texts(svg)).toEqual(expect.arrayContaining(['✂ cut', '✂ S3→S5']));
    const split = pictureSvg(
      model({
        network: {
          cuts: [],
          groups: [
            ['S1', 'S2'],
            ['S3', 'S4', 'S5'],
          ],
          drop: 0,
          duplicate: 0,
        },
      }),
    );
    expect(split.match(/class="link link-partitioned"/g)).toHaveLength(6);
    expect(texts(split)).toContain('partition {S1 S2} | {S3 S4 S5}');
  });

  it('draws a leadership transfer as an arrow to its target, and CheckQuorum contact as the page does', () => {
    const nodes = model().nodes;
    const picture = pictureSvg(
      model({
        nodes: {
          ...nodes,
          S1: { ...nodes.S1!, transferTo: 'S4', quorumContact: ['S1', 'S4', 'S5'] },
          S3: { ...nodes.S3!, heard: false },
          S4: { ...nodes.S4!, heard: true },
          S5: { ...nodes.S5!, heard: true, clockRate: 1.5 },
        },
      }),
    );
    expect(picture.match(/<g class="transfer">/g)).toHaveLength(1);
    expect(texts(picture)).toContain('handing over to S4');
    expect(texts(picture)).toEqual(expect.arrayContaining(['leader', 'heard 3 of 5']));
    expect(picture.match(/class="heard-mark heard"/g)).toHaveLength(2);
    // A skewed clock: a drawn face and words, no ⏱ character (fonts without it show a box).
    expect(texts(picture)).toContain('1.5× fast');
    expect(picture).toContain('class="clock-face"');
    expect(picture).not.toContain('⏱');
    expect(picture.match(/class="heard-mark silent"/g)).toHaveLength(1);
    expect(picture).toContain('S1, leader, term 2, log 4, committed 2, handing leadership to S4, heard from 3 of 5');
    expect(picture).toContain('S3, candidate, term 3, log 3, committed 0, not heard by the leader');
    // Without a transfer or CheckQuorum, none of it.
    expect(svg).not.toContain('class="transfer"');
    expect(svg).not.toContain('class="heard-mark');
    expect(xmlProblems(picture)).toEqual([]);
  });

  it('has a caption with the scenario, the seed and the time, and the client at the centre', () => {
    expect(texts(svg)).toContain('basic-election · seed 7 · t = 1234.6 ms');
    expect(texts(svg)).toContain('client');
  });

  it('shows the latest entries of a long log, with a box for the earlier ones', () => {
    const log = Array.from({ length: 40 }, (_, i) => entry(1 + Math.floor(i / 10), `k=${i}`));
    const view = model();
    const long = pictureSvg({ ...view, nodes: { ...view.nodes, S1: { ...view.nodes.S1!, log, commitIndex: 30 } } });
    expect(xmlProblems(long)).toEqual([]);
    expect(texts(long)).toContain('27 more');
    expect(long).toContain('<title>index 40, term 4, k=39, uncommitted</title>');
    expect(long).not.toContain('<title>index 27, ');
    expect(pictureSize({ ...view, nodes: { ...view.nodes, S1: { ...view.nodes.S1!, log } } }).width).toBeLessThan(1400);
  });
});

describe('pictureModelFrom', () => {
  const nodeView = (id: string, over: Partial<NodeView> = {}): NodeView => ({
    id,
    up: true,
    role: 'follower',
    term: 1,
    votedFor: null,
    commitIndex: 0,
    lastApplied: 0,
    leaderId: null,
    deadline: 300,
    votes: [],
    clockRate: 1,
    quorumContact: null,
    transferTo: null,
    nextIndex: null,
    matchIndex: null,
    log: [],
    kv: new Map(),
    machineState: 'follower',
    ...over,
  });

  it("takes the store's view at the page's time, with the leader's next and match for each follower", () => {
    const message: MessageView = {
      key: 'm9',
      msgId: 9,
      type: 'AppendEntries',
      variant: 'heartbeat',
      from: 'S1',
      to: 'S2',
      term: 1,
      sentAt: 100,
      summary: 'AppendEntries',
      detail: {},
      arriveAt: 112,
      held: false,
      lost: null,
      fields: {},
    };
    const sim = {
      ...useSim.getState(),
      scenario: 'basic-election',
      seed: 3,
      ids: ['S1', 'S2'],
      nodes: {
        S1: nodeView('S1', {
          role: 'leader',
          nextIndex: new Map([['S2', 2]]),
          matchIndex: new Map([['S2', 1]]),
          log: [entry(1, 'no-op')],
        }),
        S2: nodeView('S2', { up: false, deadline: 500 }),
      },
      messages: [message],
    };
    const view = pictureModelFrom(sim, 105.25);
    expect(view.t).toBe(105.25);
    expect(view.nodes.S2).toMatchObject({ up: false, deadline: null, next: 2, match: 1 });
    expect(view.nodes.S1).toMatchObject({ role: 'leader', next: null, match: null });
    expect(view.messages).toEqual([expect.objectContaining({ glyph: '♥', held: false, lost: false, sentAt: 100 })]);
    expect(pictureFileName(view, 'svg')).toBe('raft-basic-election-seed3-t105.svg');
    expect(pictureFileName({ ...view, scenario: '../a b' }, 'png')).toBe('raft-a-b-seed3-t105.png');
    expect(pictureFileName({ ...view, scenario: '' }, 'png')).toBe('raft-run-seed3-t105.png');
    expect(xmlProblems(pictureSvg(view))).toEqual([]);
  });
});
