import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { EgressDeniedError } from '../errors.ts';
import { createEgressPolicy, type EgressLookup, type EgressLookupAddress } from './egress-policy.ts';
import { startLoopbackListener } from './loopback-listener.fixture.ts';

/** A public address (example.com's) that no test connects to. */
const PUBLIC_IP = '93.184.216.34';

/** A lookup answering from `answers` by name, recording each call; an unknown name fails like a missing DNS record. */
function fakeLookup(answers: Readonly<Record<string, readonly string[]>>): EgressLookup & { readonly calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string): Promise<EgressLookupAddress[]> => {
    calls.push(hostname);
    const addresses = answers[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

/** A lookup that fails the test when called (IP literals must not be resolved). */
const noLookup: EgressLookup = async (hostname) => {
  throw new Error(`unexpected lookup of ${hostname}`);
};

/** The EgressDeniedError that `promise` rejects with (fails the test when it resolves or rejects otherwise). */
async function denial(promise: Promise<unknown>): Promise<EgressDeniedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EgressDeniedError);
  return error as EgressDeniedError;
}

describe('createEgressPolicy().check', () => {
  const policy = createEgressPolicy({ allow: [], lookup: noLookup });

  it.each([
    ['http://127.0.0.1/', '127.0.0.1', 'loopback'],
    ['http://127.0.0.2/', '127.0.0.2', 'loopback'],
    ['http://127.1/', '127.0.0.1', 'loopback'],
    ['http://2130706433/', '127.0.0.1', 'loopback'],
    ['http://0x7f000001/', '127.0.0.1', 'loopback'],
    ['http://017700000001/', '127.0.0.1', 'loopback'],
    ['http://0x7f.1/', '127.0.0.1', 'loopback'],
    ['http://0.0.0.0/', '0.0.0.0', 'unspecified'],
    ['http://0/', '0.0.0.0', 'unspecified'],
    ['http://[::1]/', '::1', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', '::1', 'loopback'],
    ['http://[::]/', '::', 'unspecified'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', 'loopback'],
    ['http://[::ffff:7f00:1]/', '::ffff:7f00:1', 'loopback'],
    ['http://[::7f00:1]/', '::7f00:1', 'ipv4Compatible'],
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1', 'rfc6052'],
    ['http://[fe80::1]/', 'fe80::1', 'linkLocal'],
    ['http://169.254.169.254/', '169.254.169.254', 'linkLocal'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', 'linkLocal'],
    ['http://100.64.0.1/', '100.64.0.1', 'carrierGradeNat'],
    ['http://10.1.2.3/', '10.1.2.3', 'private'],
    ['http://172.16.0.1/', '172.16.0.1', 'private'],
    ['http://192.168.1.1/', '192.168.1.1', 'private'],
    ['http://224.0.0.1/', '224.0.0.1', 'multicast'],
    ['http://[ff02::1]/', 'ff02::1', 'multicast'],
    ['http://255.255.255.255/', '255.255.255.255', 'broadcast'],
    ['http://240.0.0.1/', '240.0.0.1', 'reserved'],
    ['http://[fd00::1]/', 'fd00::1', 'uniqueLocal'],
    ['https://[fc00::1]:8443/', 'fc00::1', 'uniqueLocal'],
  ])('refuses %s as %s (%s), naming the host', async (url, host, addressClass) => {
    const error = await denial(policy.check(new URL(url)));
    expect(error.code).toBe('EGRESS_DENIED');
    expect(error.details).toEqual({ host, addressClass });
    expect(error.message).toContain(host);
  });

  it('allows a public address, and a name whose every address is public', async () => {
    await expect(policy.check(new URL(`https://${PUBLIC_IP}/v1`))).resolves.toBeUndefined();
    await expect(policy.check(new URL('http://[2606:4700:4700::1111]/'))).resolves.toBeUndefined();
    const lookup = fakeLookup({ 'api.example': [PUBLIC_IP, '2606:4700:4700::1111'] });
    await expect(createEgressPolicy({ allow: [], lookup }).check(new URL('https://api.example/v1'))).resolves.toBeUndefined();
    expect(lookup.calls).toEqual(['api.example']);
  });

  it('refuses a name that resolves to loopback, without telling the address it resolved to', async () => {
    const lookup = fakeLookup({ 'evil.example': ['127.0.0.1'] });
    const error = await denial(createEgressPolicy({ allow: [], lookup }).check(new URL('http://evil.example:8080/')));
    expect(error.details).toEqual({ host: 'evil.example', addressClass: 'loopback' });
    expect(error.message).toContain('evil.example:8080');
    expect(error.message).toContain('resolves to a loopback address');
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('refuses localhost as the system resolves it', async () => {
    const error = await denial(createEgressPolicy({ allow: [] }).check(new URL('http://localhost:9/')));
    expect(error.details).toEqual({ host: 'localhost', addressClass: 'loopback' });
  });

  it('refuses a name when any of its addresses is denied, and an IPv4-mapped private answer', async () => {
    const lookup = fakeLookup({ 'mixed.example': [PUBLIC_IP, '10.0.0.7'], 'mapped.example': ['::ffff:192.168.0.1'] });
    const mixed = createEgressPolicy({ allow: [], lookup });
    expect((await denial(mixed.check(new URL('http://mixed.example/')))).details['addressClass']).toBe('private');
    expect((await denial(mixed.check(new URL('http://mapped.example/')))).details['addressClass']).toBe('private');
  });

  it('refuses schemes other than http and https', async () => {
    const error = await denial(policy.check(new URL('ftp://example.com/file')));
    expect(error.details).toEqual({ host: 'example.com', scheme: 'ftp:' });
    await denial(policy.check(new URL('file:///etc/passwd')));
  });

  it("never puts the URL's userinfo, path or query in the message", async () => {
    const error = await denial(policy.check(new URL('http://user:s3cret@127.0.0.1:8080/private/path?token=abc')));
    expect(error.message).toContain('127.0.0.1:8080');
    for (const secret of ['user', 's3cret', 'private', 'path', 'token', 'abc']) expect(error.message).not.toContain(secret);
  });

  it('passes DNS failures through as they are (not as a denial)', async () => {
    const lookup = fakeLookup({});
    await expect(createEgressPolicy({ allow: [], lookup }).check(new URL('http://missing.example/'))).rejects.toThrow(/ENOTFOUND/);
  });
});

describe('EGRESS_ALLOW entries', () => {
  const allowed = (allow: string[], url: string, lookup: EgressLookup = noLookup): Promise<void> => createEgressPolicy({ allow, lookup }).check(new URL(url));

  it('a CIDR allows the addresses inside it only', async () => {
    await allowed(['10.0.0.0/8'], 'http://10.1.2.3/');
    await denial(allowed(['10.0.0.0/8'], 'http://192.168.1.1/'));
    await allowed(['::1/128'], 'http://[::1]/');
    await denial(allowed(['::1/128'], 'http://127.0.0.1/'));
    await allowed(['fd00::/8'], 'http://[fd12::1]/');
  });

  it('an IP allows that address in every spelling, and no other', async () => {
    for (const url of ['http://127.0.0.1/', 'http://127.1/', 'http://2130706433/', 'http://[::ffff:127.0.0.1]/']) await allowed(['127.0.0.1'], url);
    await denial(allowed(['127.0.0.1'], 'http://127.0.0.2/'));
    await allowed(['::1'], 'http://[::1]/');
    await allowed(['::ffff:10.0.0.0/104'], 'http://10.1.2.3/');
  });

  it('an IP or CIDR also allows a name that resolves inside it', async () => {
    const lookup = fakeLookup({ 'db.internal': ['10.0.0.5'] });
    await allowed(['10.0.0.0/24'], 'http://db.internal/', lookup);
    await denial(allowed(['10.0.1.0/24'], 'http://db.internal/', lookup));
  });

  it('a host allows that name on any port whatever it resolves to; host:port on that port only', async () => {
    const lookup = fakeLookup({ 'internal.example': ['10.0.0.5'], localhost: ['127.0.0.1'] });
    await allowed(['localhost'], 'http://localhost:1234/', lookup);
    await allowed(['Internal.Example:8443'], 'https://internal.example:8443/', lookup);
    await allowed(['internal.example:443'], 'https://internal.example/', lookup);
    await denial(allowed(['internal.example:8443'], 'https://internal.example:8444/', lookup));
    await denial(allowed(['internal.example:8443'], 'http://internal.example/', lookup));
    await denial(allowed(['other.example'], 'http://internal.example/', lookup));
  });

  it('an IP with a port allows that address on that port, however the URL spells it', async () => {
    await allowed(['127.0.0.1:8080'], 'http://127.0.0.1:8080/');
    await allowed(['127.0.0.1:8080'], 'http://2130706433:8080/');
    await denial(allowed(['127.0.0.1:8080'], 'http://127.0.0.1:8081/'));
    await allowed(['[::1]:8080'], 'http://[::1]:8080/');
    await denial(allowed(['[::1]:8080'], 'http://[::1]:8081/'));
  });

  it('empty entries allow nothing', async () => {
    await denial(allowed(['', ' '], 'http://127.0.0.1/'));
  });

  it.each(['10.0.0.0/33', 'http://example.com', 'example.com:0', 'example.com:99999', 'exa mple.com', '[::1', 'a:b:c'])(
    'refuses the entry %s at creation, naming it',
    (entry) => {
      expect(() => createEgressPolicy({ allow: [entry] })).toThrow(`EGRESS_ALLOW: "${entry}"`);
    },
  );
});

describe('createEgressPolicy().dispatcher', () => {
  it('refuses a request to a loopback listener: the listener accepts no connection', async () => {
    await using listener = await startLoopbackListener({ addresses: ['127.0.0.1', '::1'] });
    const policy = createEgressPolicy({ allow: [] });
    try {
      for (const url of [listener.url, `http://[::1]:${listener.port}`, `http://localhost:${listener.port}`, `http://0.0.0.0:${listener.port}`]) {
        const error = await denial(request(url, { dispatcher: policy.dispatcher }));
        expect(error.details['addressClass']).toMatch(/loopback|unspecified/);
      }
      expect(listener.connections).toBe(0);
      expect(listener.requests).toHaveLength(0);
    } finally {
      await policy.close();
    }
  });

  it('sends the request when EGRESS_ALLOW allows the address', async () => {
    await using listener = await startLoopbackListener({ addresses: ['127.0.0.1', '::1'] });
    const policy = createEgressPolicy({ allow: ['127.0.0.1', '::1'] });
    try {
      const v4 = await request(`${listener.url}/four`, { dispatcher: policy.dispatcher });
      expect(v4.statusCode).toBe(200);
      expect(await v4.body.text()).toBe('/four');
      const v6 = await request(`http://[::1]:${listener.port}/six`, { dispatcher: policy.dispatcher });
      expect(await v6.body.text()).toBe('/six');
      expect(listener.requests.map((r) => r.path)).toEqual(['/four', '/six']);
    } finally {
      await policy.close();
    }
  });

  it('connects to the address it checked (one lookup per connection), keeping the name in Host', async () => {
    await using listener = await startLoopbackListener();
    const lookup = fakeLookup({ 'service.test': ['127.0.0.1'] });
    const policy = createEgressPolicy({ allow: ['127.0.0.1'], lookup });
    try {
      const response = await request(`http://service.test:${listener.port}/x`, { dispatcher: policy.dispatcher });
      expect(await response.body.text()).toBe('/x');
      expect(lookup.calls).toEqual(['service.test']);
      expect(listener.requests[0]?.headers.host).toBe(`service.test:${listener.port}`);
    } finally {
      await policy.close();
    }
  });

  it('refuses a name whose answer changed to loopback after a check passed (DNS rebinding)', async () => {
    await using listener = await startLoopbackListener();
    const answers = [[PUBLIC_IP], ['127.0.0.1']];
    const lookup: EgressLookup = async () => (answers.shift() ?? []).map((address) => ({ address, family: 4 }));
    const policy = createEgressPolicy({ allow: [], lookup });
    try {
      const url = new URL(`http://rebind.test:${listener.port}/`);
      await policy.check(url);
      await denial(request(url, { dispatcher: policy.dispatcher }));
      expect(listener.connections).toBe(0);
    } finally {
      await policy.close();
    }
  });

  it("checks undici's own redirects at connect time", async () => {
    await using victim = await startLoopbackListener();
    await using redirector = await startLoopbackListener({
      handler: (_request, response) => void response.writeHead(302, { location: `${victim.url}/stolen` }).end(),
    });
    const policy = createEgressPolicy({ allow: [`localhost:${redirector.port}`] });
    try {
      const error = await denial(request(`http://localhost:${redirector.port}/`, { dispatcher: policy.dispatcher, maxRedirections: 1 }));
      expect(error.details).toEqual({ host: '127.0.0.1', addressClass: 'loopback' });
      expect(redirector.requests).toHaveLength(1);
      expect(victim.connections).toBe(0);
    } finally {
      await policy.close();
    }
  });

  it('close is idempotent', async () => {
    const policy = createEgressPolicy({ allow: [] });
    await Promise.all([policy.close(), policy.close()]);
    await policy.close();
  });
});
