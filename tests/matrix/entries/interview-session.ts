import { inviteFreshApplicant } from '../../interviews/session/invitations';
import { statuses, type MatrixEntry } from '../types';

/** Session endpoints take only interview session tokens: every Entra persona is refused. */
const sessionOnly = statuses(401, {});

export const entries: MatrixEntry[] = [
  {
    function: 'redeem-invitation',
    method: 'POST',
    label: 'valid link, whoever opens it',
    request: async (fx) => ({ path: '/api/invitations/redeem', json: { token: (await inviteFreshApplicant(fx)).invitationToken } }),
    expect: statuses(200, {}),
  },
  { function: 'get-interview-session', method: 'GET', request: () => ({ path: '/api/interview-session' }), expect: sessionOnly },
  {
    function: 'record-interview-consent',
    method: 'POST',
    request: () => ({ path: '/api/interview-session/consent', json: { policy_version: 'x', ai_processing: true, recording: false } }),
    expect: sessionOnly,
  },
  {
    function: 'record-anti-cheat-signals',
    method: 'POST',
    request: () => ({ path: '/api/interview-session/signals', json: { signals: [{ type: 'tab_switch', timestamp: new Date().toISOString() }] } }),
    expect: sessionOnly,
  },
  { function: 'get-session-feedback', method: 'GET', request: () => ({ path: '/api/interview-session/feedback' }), expect: sessionOnly },
  {
    function: 'end-interview',
    method: 'POST',
    request: () => ({ path: '/api/interview-session/end', json: { reason: 'candidate_hung_up' } }),
    expect: sessionOnly,
  },
];

entries.push({
  function: 'ai-interviewer',
  method: 'POST',
  request: () => ({ path: '/api/ai-interviewer', json: { message: '', clientTurnId: 'matrix' } }),
  expect: sessionOnly,
});
