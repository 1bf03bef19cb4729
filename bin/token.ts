/**
 * `npm run token -- --tenant T --scopes a b … [--subject S] [--ttl-seconds N]` prints a client JWT for local use,
 * signed with the configured `AUTH_JWT_SECRET` (the development secret when unset). Scopes default to `admin`.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.ts';
import { signToken } from '../platform/auth/tokens.ts';

const { values, positionals } = parseArgs({
  options: {
    tenant: { type: 'string', default: 'demo' },
    scopes: { type: 'string', multiple: true, default: ['admin'] },
    subject: { type: 'string', default: 'local-user' },
    'ttl-seconds': { type: 'string', default: '86400' },
  },
  allowPositionals: true,
  strict: false,
});
const config = loadConfig(process.env);
const scopes = [...(values.scopes as string[]), ...positionals].flatMap((s) => s.split(/[\s,]+/)).filter(Boolean);
const token = await signToken(
  { tenantId: String(values.tenant), subject: String(values.subject), scopes },
  { secret: config.auth.jwtSecret, ttlSeconds: Number(values['ttl-seconds']), issuer: config.auth.jwtIssuer, audience: config.auth.jwtAudience },
);
console.log(token);
