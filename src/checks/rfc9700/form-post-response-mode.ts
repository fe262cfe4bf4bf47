/**
 * form-post-response-mode (AR-09) — asked for `response_mode=form_post`, the server delivers the
 * authorization response by an HTTP POST to the registered redirect URI (an auto-submitted form)
 * rather than in a URL, where codes end up in history and Referer (RFC 9700 §4.2.4, §4.3.1 name it a
 * countermeasure). Offering it is a MAY: a server that ignores or refuses the mode gets a warning.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.3.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';

export const formPostResponseMode: CheckDefinition<'authorization'> = {
  id: 'form-post-response-mode',
  title: 'The form post response mode is available',
  catalog: ['AR-09'],
  requirements: ['RFC9700-4.2.4', 'RFC9700-4.3.1'],
  level: 'MAY',
  quote: 'Use the form post response mode instead of a redirect for the authorization response (RFC 9700 §4.2.4, among the measures against '
    + 'leakage through Referer; §4.3.1 repeats it against leakage through browser history)',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    if (e.request.params.response_mode !== 'form_post') return { holds: 'n/a', reason: 'the request did not ask for response_mode=form_post' };
    const o = e.outcome;
    const expected = 'a POST of the response to the registered redirect URI';
    if (o.type === 'redirect' && o.target !== 'registered') return { holds: 'n/a', reason: 'the response went elsewhere than the registered redirect URI' };
    const landing = e.chain.find((h) => h.atStub);
    if (o.type === 'redirect' && landing?.method === 'POST') return { holds: true, expected, actual: `POST to ${o.base}` };
    const where = o.type === 'redirect' ? (Object.keys(o.query).length ? ' with the response in the query' : Object.keys(o.fragment).length ? ' with the response in the fragment' : '') : '';
    return {
      holds: false, expected, actual: `${o.type === 'redirect' ? `${landing?.method ?? 'GET'} ` : ''}${describeOutcome(e)}${where}`,
      message: o.type === 'redirect' ? 'response_mode=form_post was not honoured: the response came in a URL' : 'response_mode=form_post was refused',
    };
  },
};
