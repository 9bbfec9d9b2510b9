/**
 * Which keys a focused element keeps for itself, and which are the page's shortcuts: Space
 * presses a button reached by keyboard and plays or pauses after a click on one; a slider
 * keeps only its arrows, Home, End and Page Up/Down.
 */
import { describe, expect, it } from 'vitest';
import { keptByFocused } from './commands';

/** Just enough of an element for keptByFocused. */
function element(tagName: string, attrs: Record<string, string> = {}, inDialog = false): Element {
  return {
    tagName,
    type: attrs.type ?? '',
    isContentEditable: attrs.contenteditable === 'true',
    getAttribute: (name: string) => attrs[name] ?? null,
    hasAttribute: (name: string) => name in attrs,
    closest: (selector: string) => (inDialog && selector === 'dialog[open]' ? ({} as Element) : null),
  } as unknown as Element;
}

const keptKeys = (el: Element, byClick: boolean) =>
  [' ', 'Enter', 'p', 'c', 'ArrowLeft', 'Home', 'PageDown', 'Escape'].filter((k) => keptByFocused(el, k, byClick));

describe('keys and focus', () => {
  it('a button keeps Enter, and Space only when reached by keyboard', () => {
    expect(keptKeys(element('BUTTON'), false)).toEqual([' ', 'Enter']);
    expect(keptKeys(element('BUTTON'), true)).toEqual(['Enter']);
    // A server is a role=button element: the same.
    expect(keptKeys(element('g', { role: 'button', tabindex: '0' }), true)).toEqual(['Enter']);
    expect(keptKeys(element('g', { role: 'button', tabindex: '0' }), false)).toEqual([' ', 'Enter']);
  });

  it('a button in an open dialog keeps Space even after a click', () => {
    expect(keptKeys(element('BUTTON', {}, true), true)).toEqual([' ', 'Enter']);
  });

  it('a slider keeps only its arrows, Home, End and Page Up/Down, however it was focused', () => {
    for (const byClick of [false, true])
      expect(keptKeys(element('INPUT', { type: 'range' }), byClick)).toEqual(['ArrowLeft', 'Home', 'PageDown']);
  });

  it('a text field keeps every key; a select reached by keyboard too, and none after a click', () => {
    expect(keptKeys(element('INPUT', { type: 'text' }), true)).toHaveLength(8);
    expect(keptKeys(element('INPUT', { type: 'search' }), false)).toHaveLength(8);
    expect(keptKeys(element('TEXTAREA'), false)).toHaveLength(8);
    expect(keptKeys(element('DIV', { contenteditable: 'true' }), false)).toHaveLength(8);
    expect(keptKeys(element('SELECT'), false)).toHaveLength(8);
    expect(keptKeys(element('SELECT'), true)).toEqual([]);
  });

  it('a checkbox is pressed like a button; the page itself keeps nothing', () => {
    expect(keptKeys(element('INPUT', { type: 'checkbox' }), false)).toEqual([' ', 'Enter']);
    expect(keptKeys(element('INPUT', { type: 'checkbox' }), true)).toEqual(['Enter']);
    expect(keptKeys(element('BODY'), false)).toEqual([]);
    expect(keptByFocused(null, ' ', false)).toBe(false);
  });
});
