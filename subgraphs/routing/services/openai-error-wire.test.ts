import { describe, expect, it } from 'vitest';
import { BadUserInputError, BudgetExceededError, ForbiddenError, ModelCallError, RateLimitedError } from '../../../platform/errors.ts';
import { toOpenAiError } from './openai-error-wire.ts';

describe('toOpenAiError', () => {
  it('names the OpenAI parameter of a validation error, in the message too', () => {
    const answer = toOpenAiError(new BadUserInputError('"input.maxTokens" must be an integer from 1 to 1000000', { field: 'input.maxTokens' }));
    expect(answer).toMatchObject({
      status: 400,
      body: { error: { message: "'max_tokens' must be an integer from 1 to 1000000", type: 'invalid_request_error', param: 'max_tokens', code: null } },
      unexpected: false,
    });
  });

  it('answers a rate limit with 429 rate_limit_exceeded and Retry-After in seconds', () => {
    const answer = toOpenAiError(new RateLimitedError('slow down', { retryAfterSeconds: 3, limit: 'tokens' }));
    expect(answer).toMatchObject({ status: 429, headers: { 'retry-after': '3' }, body: { error: { type: 'tokens', code: 'rate_limit_exceeded' } } });
  });

  it('answers a spent budget as OpenAI answers a spent quota, telling clients not to retry', () => {
    const answer = toOpenAiError(new BudgetExceededError('spent', { period: 'day' }));
    expect(answer).toMatchObject({
      status: 429,
      headers: { 'x-should-retry': 'false' },
      body: { error: { type: 'insufficient_quota', code: 'insufficient_quota' } },
    });
  });

  it.each([
    ['CONTEXT_LENGTH_EXCEEDED', 400, 'context_length_exceeded'],
    ['CONTENT_FILTERED', 400, 'content_filter'],
    ['PROVIDER_AUTH_FAILED', 502, 'provider_auth_failed'],
    ['PROVIDER_UNAVAILABLE', 502, 'provider_unavailable'],
    ['TIMEOUT', 504, 'timeout'],
    ['EGRESS_DENIED', 403, 'egress_denied'],
    ['BAD_REQUEST', 400, null],
  ] as const)('maps a model call failing with %s to %i %s, keeping the attempts aside', (code, status, openAiCode) => {
    const attempts = [{ attempt: 1, deployment: 'm', errorClass: code }];
    const answer = toOpenAiError(new ModelCallError(code, 'failed', { attempts }));
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code: openAiCode, orchestra: { code, attempts } });
  });

  it('answers a missing scope with 403', () => {
    expect(toOpenAiError(new ForbiddenError('needs routing:write', { scope: 'routing:write' })).status).toBe(403);
  });

  it('maps body-parser errors to 413 and 400', () => {
    expect(toOpenAiError(Object.assign(new Error('too large'), { type: 'entity.too.large', limit: 10 })).status).toBe(413);
    expect(toOpenAiError(Object.assign(new Error('bad json'), { type: 'entity.parse.failed' })).body.error.param).toBe('body');
  });

  it('masks anything unexpected as a generic 500', () => {
    const answer = toOpenAiError(new Error('SELECT secret FROM keys'));
    expect(answer).toEqual({
      status: 500,
      body: { error: { message: 'Internal server error', type: 'server_error', param: null, code: null } },
      headers: {},
      unexpected: true,
    });
  });
});
