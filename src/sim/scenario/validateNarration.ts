/**
 * Validation of a scenario's `narration` (an extension of the scenario file): each step's
 * moment (`at` or a `when` watch expression), its words, an optional prediction, what it
 * highlights and what it promises (`expect`). Problems are reported with their exact place,
 * such as `narration[2].when: unknown server "S9"`.
 */
import * as v from 'valibot';
import { CLIENT, MESSAGE_TYPES, type NodeId } from '../../raft/types';
import type { NarrationStep } from './scenario';
import { lengthProblem, LIMITS, MAX_NARRATION_STEPS, MAX_NARRATION_TEXT } from './limits';
import {
  describe,
  expected,
  fields,
  isObject,
  limited,
  list,
  nodeRef,
  pathOf,
  problem,
  watchExpression,
  type Schema,
} from './schema';

/** A value as narration messages show it: like describe, but a string is only `a string`. */
function kind(x: unknown): string {
  return typeof x === 'string' ? 'a string' : describe(x);
}

/** An object of these fields, in narration's words; a missing field says what its value should have been. */
function shape<const E extends v.ObjectEntries>(entries: E, what: string) {
  const missing = (key: string) => v.safeParse(entries[key]!, undefined).issues?.[0].message ?? 'is required';
  return fields(entries, what, kind, missing);
}

const words: Schema<string> = v.pipe(
  v.custom<string>((x) => typeof x === 'string' && x.trim() !== '', expected('some words', kind)),
  problem((s: string) => lengthProblem(s, MAX_NARRATION_TEXT)),
);

function watch(nodes: readonly NodeId[]): Schema<string> {
  return watchExpression(nodes, 'refused');
}

/** A list inside a narration step: absent is empty. */
function many<T>(item: Schema<T>) {
  return v.optional(list(item, 'an array', undefined, kind), () => []);
}

const prediction = v.pipe(
  shape({ question: words, choices: many(words), answer: words }, '{ question, choices, answer }'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!isObject(dataset.value)) return;
    const { choices, answer } = dataset.value;
    const given: unknown[] = Array.isArray(choices) ? choices : [];
    if (given.length < 2) addIssue({ message: 'give at least two choices', path: pathOf(['choices']) });
    if (v.is(words, answer) && !given.includes(answer))
      addIssue({ message: `must be one of the choices, got ${JSON.stringify(answer)}`, path: pathOf(['answer']) });
  }),
);

function highlight(nodes: readonly NodeId[]) {
  const peer = nodeRef([...nodes, CLIENT]);
  return shape(
    {
      nodes: many(nodeRef(nodes)),
      entries: many(
        shape(
          {
            node: nodeRef(nodes),
            index: limited(LIMITS.logIndex),
          },
          '{ node, index }',
        ),
      ),
      messages: many(
        shape(
          {
            from: v.optional(peer),
            to: v.optional(peer),
            type: v.optional(v.picklist(MESSAGE_TYPES, `expected one of ${MESSAGE_TYPES.join(', ')}`)),
          },
          '{ from, to, type }',
        ),
      ),
    },
    '{ nodes, entries, messages }',
  );
}

function narrationStep(nodes: readonly NodeId[]): Schema<NarrationStep> {
  const when = watch(nodes);
  return v.pipe(
    shape(
      {
        title: words,
        text: words,
        at: v.optional(limited(LIMITS.time)),
        when: v.optional(when),
        ask: v.optional(prediction),
        highlight: v.optional(highlight(nodes), () => ({ nodes: [], entries: [], messages: [] })),
        expect: v.optional(when),
      },
      'a narration step object',
    ),
    v.rawCheck(({ dataset, addIssue }) => {
      if (isObject(dataset.value) && (dataset.value.at === undefined) === (dataset.value.when === undefined))
        addIssue({ message: 'give exactly one of at (a time) or when' });
    }),
    v.transform(({ title, text, highlight, at, when, ask, expect }) => ({
      title,
      text,
      highlight,
      ...(at === undefined ? {} : { at }),
      ...(when === undefined ? {} : { when }),
      ...(ask === undefined ? {} : { ask }),
      ...(expect === undefined ? {} : { expect }),
    })),
    // valibot's optional fields are `?: T | undefined`; JSON has no undefined, so the shapes agree.
  ) as Schema<NarrationStep>;
}

/** The narration of a scenario over these nodes: an array of steps (absent is none). */
export function narrationSchema(nodes: readonly NodeId[]): Schema<NarrationStep[]> {
  return list(narrationStep(nodes), 'an array of steps', { count: MAX_NARRATION_STEPS, noun: 'steps' }, kind);
}
