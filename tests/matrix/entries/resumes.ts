import { randomUUID } from 'node:crypto';
import { storeBlob } from '../../resumes/resume-helpers';
import { statuses, type MatrixEntry } from '../types';

/** Small enough to leave the fixture's profiles as they are but for one skill and the CV columns. */
const RESUME = Buffer.from('Skills\nCOBOL, Fortran\n');

export const entries: MatrixEntry[] = [
  {
    function: 'parse-resume',
    method: 'POST',
    label: 'a stored file of your own',
    request: async (fx, persona) => {
      const owner = persona === 'anonymous' ? randomUUID() : fx.userIds[persona];
      const filePath = `${owner}/cv-matrix-${randomUUID().slice(0, 8)}.txt`;
      if (persona !== 'anonymous') await storeBlob(filePath, RESUME);
      return { path: '/api/parse-resume', json: { filePath } };
    },
    expect: statuses(200, { anonymous: 401 }),
  },
  {
    function: 'parse-resume',
    method: 'POST',
    label: "another user's file",
    request: (fx, persona) => {
      const other = persona === 'candidateOwner' ? fx.userIds.otherCandidate : fx.userIds.candidateOwner;
      return { path: '/api/parse-resume', json: { filePath: `${other}/cv.pdf`, userId: other } };
    },
    expect: statuses(403, { anonymous: 401 }),
  },
  {
    function: 'accept-resume-suggestions',
    method: 'POST',
    label: 'into your own profile',
    request: () => ({ path: '/api/accept-resume-suggestions', json: { skills: [{ skill_name: `Matrix ${randomUUID().slice(0, 8)}`, skill_type: 'hard' }] } }),
    expect: statuses(200, { anonymous: 401 }),
  },
];
