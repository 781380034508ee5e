import { api, expectProblem, tokenFor, uniqueEmail } from '../support/api';

/** The suite's host, like `npm start`, has no Speech or Communication Services settings. */
describe('token endpoints on a host without Speech', () => {
  it('answers 503 naming the settings to add, for the speech token and the avatar relay', async () => {
    const token = await tokenFor(uniqueEmail('staff'));
    for (const path of ['/api/azure-speech-token', '/api/azure-speech-token?for=avatar', '/api/avatar-relay-token']) {
      const response = await api(path, { token });
      const problem = expectProblem(response, 503);
      expect(problem.detail).toMatch(/Speech is not configured on this server: set SPEECH_KEY, or SPEECH_RESOURCE_ID/);
      expect(response.headers.get('retry-after')).toBeNull();
    }
  });
});
