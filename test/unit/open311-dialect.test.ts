// GeoReport v2's reading and writing: form bodies as the common clients send them, XML that
// carries any text safely, the client's address behind the edge or not, fixed windows.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../functions/http/http-function.ts';
import { formBody, open311Request, open311Xml } from '../../functions/http/open311-dialect.ts';
import { addressClient, isLimitedPublicPath, windowAt } from '../../shared/domain/client-limits.ts';
import { UnsupportedMediaTypeError } from '../../shared/errors.ts';
import { parseGeoReportXml } from '../fixtures/geo-report-client.ts';

const form = 'application/x-www-form-urlencoded';

describe('a form body', () => {
  it('reads attribute[code] as a value and attribute[code][] as a list, other fields as text', () => {
    const body = Buffer.from(
      'api_key=k&service_code=land&attribute%5Bsubject%5D=%E6%A8%99%E9%A1%8C&attribute%5Btags%5D%5B%5D=a&attribute%5Btags%5D%5B%5D=b&description=x+y',
    );
    expect(formBody(body, form)).toEqual({
      api_key: 'k',
      service_code: 'land',
      description: 'x y',
      attribute: { subject: '標題', tags: ['a', 'b'] },
    });
  });

  it('refuses a body that is not form-encoded (XML, JSON)', () => {
    for (const type of ['text/xml', 'application/json', undefined])
      expect(() => formBody(Buffer.from('<a/>'), type)).toThrow(UnsupportedMediaTypeError);
  });
});

describe('the format in the path', () => {
  it('takes the suffix, XML by default, and strips it from the last parameter', () => {
    expect(open311Request('/open311/v2/services/land.json', { service_code: 'land.json' })).toEqual({
      format: 'json',
      params: { service_code: 'land' },
    });
    expect(
      open311Request('/open311/v2/requests/20261206-AAAA', { service_request_id: '20261206-AAAA' }).format,
    ).toBe('xml');
  });
});

describe('GeoReport XML', () => {
  it('writes lists under their plural, one singular element each, and any text escaped', () => {
    const text = '<b>"A & B"</b>\u0001 柳树乡';
    const xml = open311Xml('service_requests', [
      { service_request_id: '1', description: text },
      { service_request_id: '2' },
    ]);
    expect(xml).toContain('<service_requests><request><service_request_id>1</service_request_id>');
    expect(xml).not.toContain('<b>');
    expect(parseGeoReportXml(xml)).toEqual([
      { service_request_id: '1', description: '<b>"A & B"</b> 柳树乡' },
      { service_request_id: '2' },
    ]);
  });
});

describe("a client's address", () => {
  const event = (sourceIp: string) =>
    ({ requestContext: { http: { sourceIp } } }) as unknown as APIGatewayProxyEventV2;
  it('is the peer without the edge, whatever X-Forwarded-For says', () => {
    expect(clientAddress(event('203.0.113.7'), { 'x-forwarded-for': '10.0.0.1' }, false)).toBe('203.0.113.7');
  });
  it('is the viewer CloudFront appended behind the edge, whether or not API Gateway appended the edge after it', () => {
    const spoofed = { 'x-forwarded-for': '10.0.0.1, 203.0.113.7' };
    expect(clientAddress(event('192.0.2.10'), spoofed, true)).toBe('203.0.113.7');
    expect(
      clientAddress(event('192.0.2.10'), { 'x-forwarded-for': '10.0.0.1, 203.0.113.7, 192.0.2.10' }, true),
    ).toBe('203.0.113.7');
    expect(clientAddress(event('192.0.2.10'), {}, true)).toBe('192.0.2.10');
  });
});

describe('the client an address stands for', () => {
  it('is an IPv4 address itself, mapped or not, and an IPv6 address its /64 however written', () => {
    expect(addressClient('203.0.113.7')).toBe('203.0.113.7');
    expect(addressClient('::ffff:203.0.113.7')).toBe('203.0.113.7');
    const same = ['2001:db8:0:12::1', '2001:DB8:0000:0012:ffff:ffff:ffff:ffff', '2001:db8::12:0:0:0:9'];
    expect(new Set(same.map(addressClient))).toEqual(new Set(['2001:db8:0:12::/64']));
    expect(addressClient('2001:db8:0:13::1')).not.toBe(addressClient('2001:db8:0:12::1'));
    expect(addressClient('::1')).toBe('0:0:0:0::/64');
  });
});

describe('fixed windows', () => {
  it('open on the multiple of their length and say the seconds left, never zero', () => {
    expect(windowAt(Date.parse('2026-12-06T03:04:59.500Z'), 300)).toEqual({
      start: Date.parse('2026-12-06T03:00:00Z') / 1000,
      end: Date.parse('2026-12-06T03:05:00Z') / 1000,
      left: 1,
    });
  });
  it('count the public routes the edge firewall counts, not health or the documents', () => {
    expect(
      ['/petitions', '/petitions/AB12/copy', '/reception-days', '/open311/v2/services.xml'].every(
        isLimitedPublicPath,
      ),
    ).toBe(true);
    expect(
      ['/health', '/openapi.json', '/petitionsx', '/sms/reports/tencent'].some(isLimitedPublicPath),
    ).toBe(false);
  });
});
