/**
 * The interface's own state: what is selected and which dialogs are open.
 */
import { create } from 'zustand';
import type { NodeId } from '../raft/types';
import { DEFAULT_BREAKPOINTS } from '../debug/breakpointSettings';
import type { Breakpoints, MessageView } from '../worker/protocol';

/** What the person asked "why?" about: a log entry on a server, or a server's vote. */
export type WhyTarget =
  | { readonly kind: 'entry'; readonly node: NodeId; readonly index: number }
  | { readonly kind: 'vote'; readonly voter: NodeId };

export type EventFilter = 'all' | 'elections' | 'messages' | 'faults' | 'client';

export interface UiState {
  readonly selectedNode: NodeId | null;
  /** The message a person clicked, as it was then (it may arrive meanwhile). */
  readonly selectedMessage: MessageView | null;
  readonly helpOpen: boolean;
  readonly partitionOpen: boolean;
  readonly eventFilter: EventFilter;
  readonly eventSearch: string;
  /** Problems with the page's URL or other input, shown until dismissed. */
  readonly notices: readonly string[];
  readonly why: WhyTarget | null;
  /** Presentation mode: large type and strokes, high contrast, secondary panels hidden. */
  readonly presenting: boolean;
  /** Opened with ?embed=1: no page chrome. */
  readonly embedded: boolean;
  /** Opened with ?embed=1&narration=1: the embedded view shows the narration too. */
  readonly embedNarration: boolean;
  /** The breakpoint switches (the watch expression is `watchText`, used once it is valid). */
  readonly breakpoints: Omit<Breakpoints, 'watch'>;
  readonly watchText: string;
  /** The last shared link, shown for copying by hand, and what became of it. */
  readonly sharedLink: string | null;
  readonly shareStatus: string;
  /** Where recording started (null: not recording). */
  readonly recordingFrom: { readonly seq: number; readonly t: number } | null;
}

export const useUi = create<UiState>(() => ({
  selectedNode: null,
  selectedMessage: null,
  helpOpen: false,
  partitionOpen: false,
  eventFilter: 'all',
  eventSearch: '',
  notices: [],
  why: null,
  presenting: false,
  embedded: false,
  embedNarration: false,
  breakpoints: DEFAULT_BREAKPOINTS,
  watchText: '',
  sharedLink: null,
  shareStatus: '',
  recordingFrom: null,
}));

export const ui = {
  selectNode: (id: NodeId | null) => useUi.setState({ selectedNode: id, selectedMessage: null }),
  selectMessage: (m: MessageView | null) => useUi.setState({ selectedMessage: m }),
  explain: (why: WhyTarget | null) => useUi.setState({ why }),
  setPresenting: (presenting: boolean) => useUi.setState({ presenting }),
  setEmbedded: (embedded: boolean) => useUi.setState({ embedded }),
  setEmbedNarration: (embedNarration: boolean) => useUi.setState({ embedNarration }),
  setHelp: (open: boolean) => useUi.setState({ helpOpen: open }),
  setPartition: (open: boolean) => useUi.setState({ partitionOpen: open }),
  setEventFilter: (eventFilter: EventFilter) => useUi.setState({ eventFilter }),
  setEventSearch: (eventSearch: string) => useUi.setState({ eventSearch }),
  notify: (notice: string) => useUi.setState((s) => ({ notices: [...s.notices, notice] })),
  setBreakpoints: (breakpoints: Omit<Breakpoints, 'watch'>) => useUi.setState({ breakpoints }),
  setWatchText: (watchText: string) => useUi.setState({ watchText }),
  setSharedLink: (sharedLink: string | null) => useUi.setState({ sharedLink, shareStatus: '' }),
  setShareStatus: (shareStatus: string) => useUi.setState({ shareStatus }),
  setRecordingFrom: (recordingFrom: { seq: number; t: number } | null) => useUi.setState({ recordingFrom }),
  dismissNotice: (i: number) => useUi.setState((s) => ({ notices: s.notices.filter((_, k) => k !== i) })),
};
