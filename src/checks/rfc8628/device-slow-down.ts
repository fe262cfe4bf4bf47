/**
 * device-slow-down (DV-03) — polls faster than the interval get slow_down: the server protects itself
 * (and the user code) against a device that ignores the interval.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.5
 */
import type { CheckDefinition } from '../types.js';
import { describePolls, notStarted, pollsOf } from '../device-evidence.js';
import { errorCode } from '../token-response.js';

export const deviceSlowDown: CheckDefinition<'device'> = {
  id: 'device-slow-down',
  title: 'Polling faster than the interval gets slow_down',
  catalog: ['DV-03'],
  requirements: ['RFC8628-3.5'],
  level: 'SHOULD',
  quote: 'slow_down: A variant of "authorization_pending", the authorization request is still pending and polling should continue, but the interval MUST be increased by 5 seconds for this and all subsequent requests.',
  on: 'device',
  evaluate(e) {
    const why = notStarted(e);
    if (why) return { holds: 'n/a', reason: why };
    const polls = pollsOf(e, 'fast');
    if (polls.length < 2) return { holds: 'n/a', reason: 'the scenario did not poll twice in a row' };
    const expected = `error=slow_down for a poll sooner than the interval (${e.interval ?? 5} s)`;
    const actual = describePolls(polls);
    if (polls.some((p) => errorCode(p) === 'slow_down')) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `polls ${((polls[1]!.at - polls[0]!.at) * 1000).toFixed(0)} ms apart, far below the interval, never got slow_down` };
  },
};
