/**
 * What the world and the page read about a leader beyond Figure 2 (issue 13): its quorum
 * contact (CheckQuorum, dissertation §6.2) and the target of a leadership transfer (§3.10).
 */
export { quorumContact } from './checkQuorum';
export { transferTarget } from './leadershipTransfer';
