import { useEffect, useMemo } from 'react';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
import { useSim } from '../../store/simStore';
import { ClusterView } from '../cluster/ClusterView';
import { commandForKey, run } from './commands';
import { EventLog } from '../debugger/EventLog';
import { HelpDialog } from './HelpDialog';
import { Inspector } from '../cluster/Inspector';
import { Legend } from '../cluster/Legend';
import { LogView } from '../logs/LogView';
import { InFlightList } from '../debugger/InFlightList';
import { MessagePanel } from '../debugger/MessagePanel';
import { PartitionDialog } from '../cluster/PartitionDialog';
import { ClusterActions, CommandButton, RunIdentity, Toolbar } from './Toolbar';
import { BreakpointsPanel } from '../debugger/BreakpointsPanel';
import { DiagramPanel } from '../debugger/DiagramPanel';
import { RuleSwitches } from '../teaching/RuleSwitches';
import { ScenarioPicker } from '../teaching/ScenarioPicker';
import { SessionMenu } from '../session/SessionMenu';
import { Timeline } from '../debugger/Timeline';
import { WhyPanel } from '../debugger/WhyPanel';
import { parsePageParams } from './urlParams';
import { applySettings, forgetAddressSession, loadOf, openSession, sessionInAddress } from '../session/sessionActions';
import { Narration } from '../teaching/Narration';
import { ClusterCaption } from '../cluster/ClusterCaption';
import { CENTRE, ringPositions } from '../cluster/palette';
import { Problems } from './Problems';

/**
 * Whether what was clicked (a server, or a message on its link) is in the right half of the
 * ring, so that in presentation mode, where the dock floats over the cluster, it floats over
 * the other half and leaves what was clicked in sight.
 */
function useDockOnTheLeft(): boolean {
  const node = useUi((s) => s.selectedNode);
  const message = useUi((s) => s.selectedMessage);
  const ids = useSim((s) => s.ids);
  const pos = useMemo(() => ringPositions(ids), [ids]);
  const x = (id: string) => pos[id]?.x ?? CENTRE.x;
  const at = node !== null ? x(node) : message !== null ? (x(message.from) + x(message.to)) / 2 : CENTRE.x;
  return at > CENTRE.x + 1;
}

export function App() {
  const presenting = useUi((s) => s.presenting);
  const embedded = useUi((s) => s.embedded);
  const embedNarration = useUi((s) => s.embedNarration);
  const narrated = useSim((s) => s.narration.steps.length > 0);
  const dockLeft = useDockOnTheLeft();
  useEffect(() => {
    const { params, problems } = parsePageParams(location.search);
    problems.forEach(ui.notify);
    ui.setEmbedded(params.embed);
    ui.setEmbedNarration(params.embed && params.narration);
    if (params.present) ui.setPresenting(true);
    // A shared session in the address opens paused at its moment; a damaged one is refused
    // with an alert and the page opens as it would without it.
    let live = true;
    void sessionInAddress().then((session) => {
      if (!live) return;
      if (!session) sim.start({ ...params, load: null });
      else {
        applySettings(session.settings);
        sim.start({ ...params, paused: true, speed: session.settings.speed, load: loadOf(session) });
      }
    });
    // A link opened on a page already open changes only the address's hash.
    const onHash = () =>
      void sessionInAddress().then(async (session) => {
        if (session && !(await openSession(session))) forgetAddressSession();
      });
    window.addEventListener('hashchange', onHash);
    const onKey = (e: KeyboardEvent) => {
      const c = commandForKey(e);
      if (!c) return;
      e.preventDefault();
      run(c);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onHash);
      sim.stop();
    };
  }, []);

  const modes = [
    presenting ? ' presenting' : '',
    embedded ? ' embedded' : '',
    embedded && embedNarration ? ' embed-narration' : '',
    narrated ? ' narrated' : '',
  ].join('');
  // The page's parts, in reading order. The stylesheet arranges them for each layout: the
  // everyday page (controls above, the cluster beside its logs), presentation mode (a slim
  // strip, then the cluster, the logs and the narration filling the screen), the phone (the
  // cluster first, the logs and the narration below it, the controls in a bar at the bottom).
  return (
    <div className={`app${modes}`}>
      <header className="top">
        <h1>
          Raft <span>visualizer</span>
        </h1>
        <Toolbar />
        <div className="top-row2">
          <SessionMenu extra={<CommandButton id="help" label="Keys ?" />} />
          <RunIdentity />
        </div>
      </header>
      <div className="alerts">
        <Problems />
      </div>
      <div className="scenario-row">
        <ScenarioPicker />
      </div>
      <Timeline />
      <main className="main">
        <div className="centre">
          <div className={`stage-area${dockLeft ? ' dock-at-left' : ''}`}>
            <section className="stage" aria-label="Cluster view">
              <ClusterView />
              <ClusterCaption />
            </section>
            {/* Beside the cluster: what a person can do to it, and what opens on demand from the
                cluster or the logs (between the two). */}
            <div className="dock">
              <ClusterActions />
              <MessagePanel />
              <WhyPanel />
              <Inspector />
            </div>
          </div>
          <DiagramPanel />
        </div>
        <aside className="side">
          <Narration />
          <LogView />
          <InFlightList />
          <BreakpointsPanel />
          <RuleSwitches />
          <EventLog />
          <Legend />
        </aside>
      </main>
      <HelpDialog />
      <PartitionDialog />
    </div>
  );
}
