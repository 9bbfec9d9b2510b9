/**
 * The built-in scenario files, in the order the page lists them: raw JSON, validated by
 * index.ts (for the simulator) and read for their titles by catalog.ts (for the page).
 */
import basicElection from './basic-election.json' with { type: 'json' };
import clientRedirect from './client-redirect.json' with { type: 'json' };
import disruptiveServer from './disruptive-server.json' with { type: 'json' };
import duplicateReorder from './duplicate-reorder.json' with { type: 'json' };
import lossyNetwork from './lossy-network.json' with { type: 'json' };
import upToDateCheck from './up-to-date-check.json' with { type: 'json' };
import figure7 from './figure-7.json' with { type: 'json' };
import figure8Committed from './figure-8-committed.json' with { type: 'json' };
import figure8Overwritten from './figure-8-overwritten.json' with { type: 'json' };
import fullClusterRestart from './full-cluster-restart.json' with { type: 'json' };
import leaderCrash from './leader-crash.json' with { type: 'json' };
import restartForgetsVote from './restart-forgets-vote.json' with { type: 'json' };
import splitVote from './split-vote.json' with { type: 'json' };
import staleLeader from './stale-leader.json' with { type: 'json' };
import prevoteRejoin from './prevote-rejoin.json' with { type: 'json' };
import deafLeader from './deaf-leader.json' with { type: 'json' };
import partialPartition from './partial-partition.json' with { type: 'json' };
import transferBeforeRestart from './transfer-before-restart.json' with { type: 'json' };
import fastClock from './fast-clock.json' with { type: 'json' };

export const SCENARIO_FILES: readonly unknown[] = [
  basicElection,
  leaderCrash,
  splitVote,
  staleLeader,
  disruptiveServer,
  figure7,
  figure8Overwritten,
  figure8Committed,
  fullClusterRestart,
  lossyNetwork,
  duplicateReorder,
  clientRedirect,
  upToDateCheck,
  restartForgetsVote,
  prevoteRejoin,
  deafLeader,
  partialPartition,
  transferBeforeRestart,
  fastClock,
];
