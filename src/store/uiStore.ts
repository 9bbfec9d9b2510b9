/**
 * The interface's own state: what is selected and which dialogs are open.
 */
import { create } from 'zustand';
import type { NodeId } from '../raft/types';
import type { MessageView } from '../worker/protocol';

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
}

export const useUi = create<UiState>(() => ({
  selectedNode: null,
  selectedMessage: null,
  helpOpen: false,
  partitionOpen: false,
  eventFilter: 'all',
  eventSearch: '',
  notices: [],
}));

export const ui = {
  selectNode: (id: NodeId | null) => useUi.setState({ selectedNode: id, selectedMessage: null }),
  selectMessage: (m: MessageView | null) => useUi.setState({ selectedMessage: m }),
  setHelp: (open: boolean) => useUi.setState({ helpOpen: open }),
  setPartition: (open: boolean) => useUi.setState({ partitionOpen: open }),
  setEventFilter: (eventFilter: EventFilter) => useUi.setState({ eventFilter }),
  setEventSearch: (eventSearch: string) => useUi.setState({ eventSearch }),
  notify: (notice: string) => useUi.setState((s) => ({ notices: [...s.notices, notice] })),
  dismissNotice: (i: number) => useUi.setState((s) => ({ notices: s.notices.filter((_, k) => k !== i) })),
};
