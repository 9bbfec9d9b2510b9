/**
 * How the focused element got its focus: by a pointer (mouse, touch, pen) or otherwise (the
 * keyboard, or a script after a key). The keys read it: Space presses a control a person
 * reached with the keyboard, and plays or pauses after a click on one (a click leaves focus on
 * the button it pressed, and Space would press it again). Browsers keep a like heuristic for
 * `:focus-visible`, but do not expose it reliably to key handlers, so the page keeps its own.
 *
 * The listeners are installed once, on the page's window, when this module is first loaded
 * (never under Node, where there is no window).
 */

let lastInput: 'pointer' | 'keyboard' = 'keyboard';
let focusedByPointer: EventTarget | null = null;

/** Starts watching `win` (the page's window); returns the function that stops it. */
export function watchFocusOrigin(win: Window): () => void {
  const onPointerDown = () => {
    lastInput = 'pointer';
  };
  const onKeyDown = () => {
    lastInput = 'keyboard';
  };
  const onFocusIn = (e: FocusEvent) => {
    focusedByPointer = lastInput === 'pointer' ? e.target : null;
  };
  win.addEventListener('pointerdown', onPointerDown, true);
  win.addEventListener('keydown', onKeyDown, true);
  win.addEventListener('focusin', onFocusIn, true);
  return () => {
    win.removeEventListener('pointerdown', onPointerDown, true);
    win.removeEventListener('keydown', onKeyDown, true);
    win.removeEventListener('focusin', onFocusIn, true);
  };
}

/** Whether `el` has the focus because a pointer pressed it (or something inside it). */
export function focusedByClick(el: EventTarget | null): boolean {
  return el !== null && el === focusedByPointer;
}

if (typeof window !== 'undefined') watchFocusOrigin(window);
