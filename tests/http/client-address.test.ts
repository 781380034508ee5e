import { HttpRequest } from '@azure/functions';
import { clientIpOf } from '../../shared/http/request-context';

const withForwarded = (value: string) => new HttpRequest({ method: 'GET', url: 'http://localhost/api/health', headers: { 'x-forwarded-for': value } });

describe('the client address', () => {
  it('is the entry the nearest trusted proxy appended: a client-sent X-Forwarded-For cannot choose it', () => {
    // What Azure's front end forwards when a client sent its own header: the client's claim, then what it saw.
    expect(clientIpOf(withForwarded('203.0.113.9, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientIpOf(withForwarded('203.0.113.9, 198.51.100.7:50312'), 1)).toBe('198.51.100.7');
  });

  it('trusts one more entry per configured proxy hop, and never reaches past the first', () => {
    expect(clientIpOf(withForwarded('203.0.113.9, 198.51.100.7, 10.0.0.4'), 2)).toBe('198.51.100.7');
    expect(clientIpOf(withForwarded('[2001:db8::1]:443, 10.0.0.4'), 2)).toBe('2001:db8::1');
    expect(clientIpOf(withForwarded('198.51.100.7'), 3)).toBe('198.51.100.7');
  });

  it('is unknown without the header', () => {
    expect(clientIpOf(new HttpRequest({ method: 'GET', url: 'http://localhost/' }), 1)).toBe('unknown');
  });
});
