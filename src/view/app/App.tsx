import { useEffect } from 'react';
import { ui, useUi } from '../../store/uiStore';
import { sim } from '../../store/simClient';
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
import { ClusterActions, Toolbar } from './Toolbar';
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
import { Problems } from './Problems';

export function App() {
  const presenting = useUi((s) => s.presenting);
  const embedded = useUi((s) => s.embedded);
  useEffect(() => {
    const { params, problems } = parsePageParams(location.search);
    problems.forEach(ui.notify);
    ui.setEmbedded(params.embed);
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

  return (
    <div className={`app${presenting ? ' presenting' : ''}${embedded ? ' embedded' : ''}`}>
      <header className="top">
        <h1>
          Raft <span>visualizer</span>
        </h1>
        <Toolbar />
      </header>
      <Problems />
      <div className="scenario-row">
        <ScenarioPicker />
        <SessionMenu />
      </div>
      <Timeline />
      <main className="main">
        <div className="centre">
          <section className="stage" aria-label="Cluster view">
            <ClusterActions />
            <ClusterView />
            <ClusterCaption />
          </section>
          <DiagramPanel />
        </div>
        <aside className="side">
          <Narration />
          <MessagePanel />
          <WhyPanel />
          <Inspector />
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
