/**
 * Validation of a scenario's `narration` (an extension of the scenario file): each step's
 * moment (`at` or a `when` watch expression), its words, an optional prediction, what it
 * highlights and what it promises (`expect`). Problems are reported with their exact place,
 * such as `narration[2].when: unknown server "S9"`.
 */
import type { NodeId } from '../../raft/types';
import type { MessageMatch, NarrationHighlight, NarrationStep, Prediction } from './scenario';
import { MAX_NARRATION_STEPS } from './limits';
import { compileWatch } from './watch';

type Report = (path: string, message: string) => void;

const MESSAGE_TYPES = [
  'RequestVote',
  'RequestVoteReply',
  'AppendEntries',
  'AppendEntriesReply',
  'ClientRequest',
  'ClientReply',
  'ClientRedirect',
];

const MAX_TEXT = 2000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return 'a string';
  return typeof v === 'number' || typeof v === 'boolean'
    ? `${typeof v} ${v}`
    : typeof v === 'object'
      ? 'an object'
      : typeof v;
}

function onlyKeys(report: Report, path: string, obj: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(obj))
    if (!allowed.includes(key)) report(`${path}.${key}`, `unknown field (expected one of ${allowed.join(', ')})`);
}

function words(report: Report, path: string, v: unknown, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    report(path, `expected some words, got ${kind(v)}`);
    return undefined;
  }
  if (v.length > MAX_TEXT) {
    report(path, `at most ${MAX_TEXT} characters, got ${v.length}`);
    return undefined;
  }
  return v;
}

function node(report: Report, path: string, v: unknown, nodes: readonly NodeId[]): NodeId | undefined {
  if (typeof v === 'string' && nodes.includes(v)) return v;
  report(path, `unknown node ${JSON.stringify(typeof v === 'string' ? v.slice(0, 40) : v) ?? kind(v)}`);
  return undefined;
}

function watch(report: Report, path: string, v: unknown, nodes: readonly NodeId[]): string | undefined {
  const source = words(report, path, v, false);
  if (source === undefined) return undefined;
  const compiled = compileWatch(source, nodes);
  if (!compiled.ok) {
    report(path, `${compiled.error} (at column ${compiled.column + 1})`);
    return undefined;
  }
  return source;
}

function list(report: Report, path: string, v: unknown): readonly unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    report(path, `expected an array, got ${kind(v)}`);
    return [];
  }
  return v;
}

function prediction(report: Report, path: string, v: unknown): Prediction | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    report(path, `expected { question, choices, answer }, got ${kind(v)}`);
    return undefined;
  }
  onlyKeys(report, path, v, ['question', 'choices', 'answer']);
  const question = words(report, `${path}.question`, v.question, true);
  const choices = list(report, `${path}.choices`, v.choices).map((c, i) =>
    words(report, `${path}.choices[${i}]`, c, true),
  );
  if (choices.length < 2) report(`${path}.choices`, 'give at least two choices');
  const answer = words(report, `${path}.answer`, v.answer, true);
  if (answer !== undefined && !choices.includes(answer))
    report(`${path}.answer`, `must be one of the choices, got ${JSON.stringify(answer)}`);
  if (question === undefined || answer === undefined || choices.some((c) => c === undefined)) return undefined;
  return { question, choices: choices as string[], answer };
}

function messageMatch(report: Report, path: string, v: unknown, nodes: readonly NodeId[]): MessageMatch | undefined {
  if (!isObject(v)) {
    report(path, `expected { from, to, type }, got ${kind(v)}`);
    return undefined;
  }
  onlyKeys(report, path, v, ['from', 'to', 'type']);
  const peers = [...nodes, 'client'];
  const match: { from?: NodeId; to?: NodeId; type?: string } = {};
  const from = v.from === undefined ? undefined : node(report, `${path}.from`, v.from, peers);
  const to = v.to === undefined ? undefined : node(report, `${path}.to`, v.to, peers);
  if (from !== undefined) match.from = from;
  if (to !== undefined) match.to = to;
  if (v.type !== undefined) {
    if (typeof v.type === 'string' && MESSAGE_TYPES.includes(v.type)) match.type = v.type;
    else report(`${path}.type`, `expected one of ${MESSAGE_TYPES.join(', ')}`);
  }
  return match;
}

function highlight(report: Report, path: string, v: unknown, nodes: readonly NodeId[]): NarrationHighlight {
  if (v === undefined) return { nodes: [], entries: [], messages: [] };
  if (!isObject(v)) {
    report(path, `expected { nodes, entries, messages }, got ${kind(v)}`);
    return { nodes: [], entries: [], messages: [] };
  }
  onlyKeys(report, path, v, ['nodes', 'entries', 'messages']);
  const ids = list(report, `${path}.nodes`, v.nodes).map((x, i) => node(report, `${path}.nodes[${i}]`, x, nodes));
  const entries = list(report, `${path}.entries`, v.entries).map((x, i) => {
    const at = `${path}.entries[${i}]`;
    if (!isObject(x)) {
      report(at, `expected { node, index }, got ${kind(x)}`);
      return undefined;
    }
    onlyKeys(report, at, x, ['node', 'index']);
    const id = node(report, `${at}.node`, x.node, nodes);
    const index = x.index;
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 1) {
      report(`${at}.index`, `expected a log index (1 or more), got ${kind(index)}`);
      return undefined;
    }
    return id === undefined ? undefined : { node: id, index };
  });
  const messages = list(report, `${path}.messages`, v.messages).map((x, i) =>
    messageMatch(report, `${path}.messages[${i}]`, x, nodes),
  );
  return {
    nodes: ids.filter((x) => x !== undefined),
    entries: entries.filter((x) => x !== undefined),
    messages: messages.filter((x) => x !== undefined),
  };
}

function narrationStep(report: Report, path: string, v: unknown, nodes: readonly NodeId[]): NarrationStep | undefined {
  if (!isObject(v)) {
    report(path, `expected a narration step object, got ${kind(v)}`);
    return undefined;
  }
  onlyKeys(report, path, v, ['title', 'text', 'at', 'when', 'ask', 'highlight', 'expect']);
  const title = words(report, `${path}.title`, v.title, true);
  const text = words(report, `${path}.text`, v.text, true);
  let at: number | undefined;
  if (v.at !== undefined) {
    if (typeof v.at === 'number' && Number.isFinite(v.at) && v.at >= 0) at = v.at;
    else report(`${path}.at`, `expected a time of at least 0, got ${kind(v.at)}`);
  }
  const when = watch(report, `${path}.when`, v.when, nodes);
  if ((v.at === undefined) === (v.when === undefined)) report(path, 'give exactly one of at (a time) or when');
  const step: NarrationStep = {
    title: title ?? '',
    text: text ?? '',
    highlight: highlight(report, `${path}.highlight`, v.highlight, nodes),
    ...(at === undefined ? {} : { at }),
    ...(when === undefined ? {} : { when }),
  };
  const ask = prediction(report, `${path}.ask`, v.ask);
  const expect = watch(report, `${path}.expect`, v.expect, nodes);
  return { ...step, ...(ask ? { ask } : {}), ...(expect === undefined ? {} : { expect }) };
}

/** The narration of a scenario over these nodes (an empty list when absent). */
export function parseNarration(report: Report, v: unknown, nodes: readonly NodeId[]): NarrationStep[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    report('narration', `expected an array of steps, got ${kind(v)}`);
    return [];
  }
  if (v.length > MAX_NARRATION_STEPS) {
    report('narration', `at most ${MAX_NARRATION_STEPS} steps, got ${v.length}`);
    return [];
  }
  return v.map((x, i) => narrationStep(report, `narration[${i}]`, x, nodes)).filter((x) => x !== undefined);
}
