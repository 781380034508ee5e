import { statuses, type MatrixEntry } from '../types';

export const entries: MatrixEntry[] = [
  {
    function: 'data-retention-cleanup',
    method: 'POST',
    // Recordings cleanup leaves the fixture alone (nothing of it is past retention); deletion requests would not.
    request: (fx) => ({ path: '/api/privacy/retention-runs', json: { action: 'cleanup_recordings', organisation_id: fx.orgA } }),
    expect: statuses(404, { anonymous: 401, viewer: 403, hiringManager: 403, recruiter: 403, admin: 200 }),
  },
  {
    function: 'export-candidate-data',
    method: 'GET',
    // Everyone signed in exports their own data (staff too: their account is personal data).
    request: () => ({ path: '/api/candidate/export' }),
    expect: statuses(200, { anonymous: 401 }),
  },
  {
    function: 'delete-candidate-account',
    method: 'DELETE',
    // The fixture's candidates must survive: they send an unconfirmed body (400); staff a confirmed one, refused (409).
    request: (_fx, persona) => ({ path: '/api/candidate/account', json: { confirm: persona !== 'candidateOwner' && persona !== 'otherCandidate' } }),
    expect: statuses(409, { anonymous: 401, candidateOwner: 400, otherCandidate: 400 }),
  },
];
