/**
 * The page's URL parameters refuse what the other borders refuse, in the same words: one
 * bad seed or time gets the same sentence from a scenario file, a session, the command line
 * and the address bar.
 */
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../cli/args';
import { sessionToJson } from '../../share/session';
import { builtInSession } from '../../../test-support/sessionFixtures';
import { validateSession } from '../../share/validateSession';
import { MAX_SEED } from '../../sim/scenario/limits';
import { validateScenario } from '../../sim/scenario/validateScenario';
import { DEFAULT_SPEED, parsePageParams } from './urlParams';

describe('parsePageParams', () => {
  it.each([
    ['?seed=-3', 'Ignored seed="-3": must be at least 0, got -3.'],
    ['?seed=1.5', 'Ignored seed="1.5": expected an integer, got 1.5.'],
    ['?seed=', 'Ignored seed="": expected an integer, got "".'],
    ['?seed=abc', 'Ignored seed="abc": expected an integer, got "abc".'],
    [
      '?seed=4294967296',
      'Ignored seed="4294967296": must be at most 4294967295 (seeds are 32-bit numbers), got 4294967296.',
    ],
    [
      '?seed=9007199254740993',
      'Ignored seed="9007199254740993": must be at most 4294967295 (seeds are 32-bit numbers), got 9007199254740993.',
    ],
    ['?seed=1.5', 'Ignored seed="1.5": expected an integer, got 1.5.'],
    ['?speed=abc', 'Ignored speed="abc": expected a number between 0.0001 and 10, got "abc".'],
    ['?speed=11', 'Ignored speed="11": must be between 0.0001 and 10, got 11.'],
    ['?speed=1e-300', 'Ignored speed="1e-300": must be between 0.0001 and 10, got 1e-300.'],
    [
      `?seed=1${'0'.repeat(40)}`,
      `Ignored seed="1${'0'.repeat(29)}…": must be at most 4294967295 (seeds are 32-bit numbers), got "1${'0'.repeat(29)}…".`,
    ],
    ['?speed=%20', 'Ignored speed=" ": expected a number between 0.0001 and 10, got " ".'],
  ])('%s is ignored: %s', (search, problem) => {
    const { params, problems } = parsePageParams(search);
    expect(problems).toEqual([problem]);
    expect(params.seed).toBeNull();
    expect(params.speed).toBe(DEFAULT_SPEED);
  });

  it('accepts the largest seed and the speed range ends', () => {
    expect(parsePageParams(`?seed=${MAX_SEED}&speed=10`)).toEqual({
      params: {
        seed: MAX_SEED,
        scenario: null,
        speed: 10,
        paused: false,
        embed: false,
        narration: false,
        present: false,
        nodes: null,
        options: {},
      },
      problems: [],
    });
    expect(parsePageParams('?seed=0&speed=0.0001').params).toMatchObject({ seed: 0, speed: 0.0001 });
  });

  it('nodes=N asks for free play with S1..SN, 1 to 9; a bad value is ignored with a notice naming it', () => {
    expect(parsePageParams('?nodes=7')).toMatchObject({ params: { nodes: 7 }, problems: [] });
    expect(parsePageParams('?nodes=1').params.nodes).toBe(1);
    expect(parsePageParams('?nodes=9').params.nodes).toBe(9);
    for (const [raw, problem] of [
      ['0', 'Ignored nodes="0": must be at least 1, got 0.'],
      ['10', 'Ignored nodes="10": must be at most 9 (the most servers in a cluster), got 10.'],
      ['2.5', 'Ignored nodes="2.5": expected an integer, got 2.5.'],
      ['abc', 'Ignored nodes="abc": expected an integer, got "abc".'],
      // Number() takes these too; a person who typed them did not mean 7, 3 and 7.
      ['0x7', 'Ignored nodes="0x7": expected an integer, got "0x7".'],
      ['0b11', 'Ignored nodes="0b11": expected an integer, got "0b11".'],
      ['%207%20', 'Ignored nodes=" 7 ": expected an integer, got " 7 ".'],
    ])
      expect(parsePageParams(`?nodes=${raw}`)).toEqual({
        params: expect.objectContaining({ nodes: null }) as unknown,
        problems: [problem],
      });
    // A scenario has its own servers.
    expect(parsePageParams('?scenario=leader-crash&nodes=3')).toMatchObject({
      params: { scenario: 'leader-crash', nodes: null },
      problems: ['Ignored nodes="3": the scenario leader-crash has its own servers (nodes is for free play).'],
    });
  });

  it('preVote=1 and checkQuorum=1 start the run with the option on, 0 with it off; others get a notice', () => {
    expect(parsePageParams('?preVote=1&checkQuorum=1')).toMatchObject({
      params: { options: { preVote: true, checkQuorum: true } },
      problems: [],
    });
    expect(parsePageParams('?checkQuorum=0').params.options).toEqual({ checkQuorum: false });
    expect(parsePageParams('').params.options).toEqual({});
    expect(parsePageParams('?preVote=yes&checkQuorum=true')).toMatchObject({
      params: { options: {} },
      problems: ['Ignored preVote="yes": expected 1 or 0.', 'Ignored checkQuorum="true": expected 1 or 0.'],
    });
  });

  it('present=1 opens in presentation mode; anything but 1 or 0 is ignored with a notice', () => {
    expect(parsePageParams('?present=1')).toMatchObject({ params: { present: true }, problems: [] });
    expect(parsePageParams('?present=yes')).toMatchObject({
      params: { present: false },
      problems: ['Ignored present="yes": expected 1 or 0.'],
    });
  });

  it('narration=1 asks an embedded view to show the narration too; 0 or absent leaves it out', () => {
    const { params, problems } = parsePageParams('?embed=1&narration=1');
    expect(problems).toEqual([]);
    expect(params).toMatchObject({ embed: true, narration: true });
    expect(parsePageParams('?embed=1&narration=0').params).toMatchObject({ embed: true, narration: false });
    expect(parsePageParams('?embed=1').params).toMatchObject({ embed: true, narration: false });
  });

  it.each([
    ['?narration=yes', 'Ignored narration="yes": expected 1 or 0.'],
    ['?narration=', 'Ignored narration="": expected 1 or 0.'],
    ['?embed=true', 'Ignored embed="true": expected 1 or 0.'],
    ['?paused=2', 'Ignored paused="2": expected 1 or 0.'],
  ])('%s is ignored: %s', (search, problem) => {
    const { params, problems } = parsePageParams(search);
    expect(problems).toEqual([problem]);
    expect(params).toMatchObject({ paused: false, embed: false, narration: false });
  });
});

describe('every border says the same thing in the same words', () => {
  /** The words after the place, from each border's message about the same value. */
  function afterPlace(message: string, place: string): string {
    const at = message.indexOf(place);
    expect(at, `${JSON.stringify(message)} should name ${place}`).toBeGreaterThanOrEqual(0);
    return message.slice(at + place.length).replace(/\.$/, '');
  }
  const errorsOf = (r: { ok: true } | { ok: false; errors: string[] }) => (r.ok ? [] : r.errors);

  it.each([-1, 1.5, MAX_SEED + 1])('a seed of %d', (seed) => {
    const scenario = errorsOf(validateScenario({ steps: [], seed }));
    const session = errorsOf(validateSession({ ...(sessionToJson(builtInSession) as object), seed }));
    const cli = parseSimArgs(['--scenario', 'a.json', '--seed', String(seed)]);
    const url = parsePageParams(`?seed=${seed}`).problems;
    expect(scenario).toHaveLength(1);
    expect(session).toHaveLength(1);
    expect(url).toHaveLength(1);
    const words = afterPlace(scenario[0]!, 'seed: ');
    expect(words.replace('number ', '')).toMatch(/^(must be|expected)/);
    expect(afterPlace(session[0]!, 'seed: ')).toBe(words);
    // The command line and the address show the value as typed, not as a JSON type.
    const typed = words.replace('got number ', 'got ');
    expect(cli.ok ? 'accepted' : afterPlace(cli.error, '--seed: ')).toBe(typed);
    expect(afterPlace(url[0]!, `Ignored seed="${seed}": `)).toBe(typed);
  });

  it('an until of 1e15', () => {
    const scenario = errorsOf(validateScenario({ steps: [], until: 1e15 }));
    const session = errorsOf(
      validateSession({ ...(sessionToJson(builtInSession) as object), head: { seq: 1, t: 1e15 } }),
    );
    const cli = parseSimArgs(['--scenario', 'a.json', '--until', '1000000000000000']);
    const words = 'must be at most 3600000 (one hour of virtual time), got 1000000000000000';
    expect(scenario).toEqual([`until: ${words}`]);
    expect(session).toContain(`head.t: ${words}`);
    expect(cli).toEqual({ ok: false, error: `--until: ${words}` });
  });
});
