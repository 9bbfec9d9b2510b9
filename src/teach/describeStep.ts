/**
 * A scenario step or a person's input in a few words, e.g. "crash S3" or "write c2 (x=2)":
 * for branch labels, recordings and their narration.
 */
import { OPTION_WORDS, type Step } from '../sim/scenario/scenario';

export function describeStep(step: Step): string {
  switch (step.do) {
    case 'write':
      return `write ${step.id} (${step.key}=${step.value})`;
    case 'crash':
    case 'restart':
    case 'timeout':
      return `${step.do} ${step.node}`;
    case 'cut':
    case 'restore':
      return `${step.do} ${step.from} → ${step.to}`;
    case 'drop':
    case 'deliverNow':
    case 'duplicate':
      return `${step.do === 'deliverNow' ? 'deliver now' : step.do} message #${step.msgId}`;
    case 'hold':
      return step.on ? 'hold messages' : 'release messages';
    case 'partition':
      return `partition ${step.groups.map((g) => g.join(' ')).join(' | ')}`;
    case 'network':
      return `network: drop ${step.drop ?? 0}, duplicate ${step.duplicate ?? 0}${step.latency ? `, latency ${step.latency[0]}–${step.latency[1]} ms` : ''}`;
    case 'rules': {
      const on = Object.entries(step.rules).map(([k, v]) => `${k} ${v ? 'on' : 'off'}`);
      return `rules: ${on.join(', ') || 'unchanged'}`;
    }
    case 'options': {
      const on = (['preVote', 'checkQuorum'] as const)
        .filter((k) => step[k] !== undefined)
        .map((k) => `${OPTION_WORDS[k]} ${step[k] ? 'on' : 'off'}`);
      return on.join(', ') || 'options unchanged';
    }
    case 'clock':
      return `${step.node}'s clock at ${step.rate}×`;
    case 'transferLeadership':
      return `transfer leadership to ${step.to}`;
    case 'spreadTimers':
      return 'spread timers';
    case 'alignTimers':
      return 'align timers';
    default:
      return step.do;
  }
}
