import { describe, expect, it, vi } from 'vitest';
import { errorResponse } from '../../functions/http/errors.ts';
import { createTableInput } from '../../infra/local/create-table.ts';
import {
  ConflictError,
  ContentionError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../../shared/errors.ts';
import { logger } from '../../shared/logger.ts';
import { tableDefinition } from '../../shared/store/table-definition.ts';

describe('errors at the edge', () => {
  const message = { zh: '中', en: 'en' };

  it.each([
    [new ValidationError([]), 400],
    [new UnauthorizedError('no token'), 401],
    [new ForbiddenError('no role'), 403],
    [new NotFoundError(message), 404],
    [new ConflictError(message), 409],
    [new PayloadTooLargeError(10), 413],
    [new UnsupportedMediaTypeError(), 415],
    [new IdempotencyKeyReusedError(), 422],
    [new ContentionError(), 503],
    [new UnavailableError('table unreachable'), 503],
  ])('maps %o to %i', (error, status) => {
    expect(errorResponse(error).statusCode).toBe(status);
  });

  it('tells a client of a busy or unreachable store when to try again', () => {
    expect(errorResponse(new UnavailableError('down')).headers).toEqual({ 'retry-after': '2' });
    expect(errorResponse(new ConflictError(message)).headers).toBeUndefined();
  });

  it('never sends the details of an unexpected error', () => {
    const answer = errorResponse(new Error('ECONNREFUSED 10.0.0.1 secret table name'));
    expect(answer.statusCode).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('ECONNREFUSED');
  });
});

describe('the logger', () => {
  it('masks fields named like personal data, however deep', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    logger.info('x', {
      caseId: 'c1',
      petitioner: { phone: '13800138000' },
      nested: { idNumber: '1101', ok: 1 },
    });
    spy.mockRestore();
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      caseId: 'c1',
      petitioner: '[redacted]',
      nested: { idNumber: '[redacted]', ok: 1 },
    });
  });
});

describe('the table definition', () => {
  it('creates every index of the shared definition locally, keyed as defined', () => {
    const input = createTableInput('t');
    expect(input.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(
      input.GlobalSecondaryIndexes?.map((i) => [
        i.IndexName,
        i.KeySchema?.[0]?.AttributeName,
        i.KeySchema?.[1]?.AttributeName,
      ]),
    ).toEqual(tableDefinition.globalSecondaryIndexes.map((i) => [i.indexName, i.partitionKey, i.sortKey]));
  });
});
