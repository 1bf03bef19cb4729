import { describe, expect, it } from 'vitest';
import { BOT_STATES, allowedNextBotStates, isFinalBotState } from './bot-lifecycle.ts';

describe('bot lifecycle', () => {
  it('allows exactly the forward steps, and FAILED from every non-final state', () => {
    expect(Object.fromEntries(BOT_STATES.map((s) => [s, allowedNextBotStates(s)]))).toEqual({
      REQUESTED: ['JOINING', 'FAILED'],
      JOINING: ['IN_CALL', 'FAILED'],
      IN_CALL: ['LEAVING', 'FAILED'],
      LEAVING: ['ENDED', 'FAILED'],
      ENDED: [],
      FAILED: [],
    });
  });
  it('knows ENDED and FAILED as final, and allows nothing without a state', () => {
    expect(BOT_STATES.filter(isFinalBotState)).toEqual(['ENDED', 'FAILED']);
    expect(allowedNextBotStates(null)).toEqual([]);
  });
});
