/**
 * The steps of the elections beyond Figure 2 in a few words, as branch labels and recordings
 * name a person's action (CONTRACTS.md section 5).
 */
import { describe, expect, it } from 'vitest';
import { describeStep } from './describeStep';

describe('describeStep', () => {
  it('names the switches, a clock rate and a leadership transfer', () => {
    expect(describeStep({ at: 0, do: 'options', preVote: true })).toBe('PreVote on');
    expect(describeStep({ at: 0, do: 'options', preVote: false, checkQuorum: true })).toBe(
      'PreVote off, CheckQuorum on',
    );
    expect(describeStep({ at: 5, do: 'clock', node: 'S3', rate: 1.5 })).toBe("S3's clock at 1.5×");
    expect(describeStep({ at: 9, do: 'transferLeadership', to: 'S2' })).toBe('transfer leadership to S2');
  });
});
