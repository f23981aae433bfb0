// API keys (one partition: a handful per region) and what each Open311 client submitted (its
// own partition, by case id, which opens with the received day).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiKey } from '../domain/api-keys.ts';
import type { ApiKeys, ClientRequest } from '../usecases/ports.ts';
import { type Dynamo, isConditionFailure, notExists, queryAll, withoutKeys } from './dynamo.ts';
import { keys } from './keys.ts';

export function apiKeys(dynamo: Dynamo): ApiKeys {
  const { doc, tableName } = dynamo;
  const getItem = async <T>(Key: Record<string, string>) => {
    const { Item } = await doc.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }));
    return Item ? withoutKeys<T>(Item) : undefined;
  };
  const putIfAbsent = async (item: Record<string, unknown>) => {
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: notExists }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };
  return {
    issue: async (key) => ((await putIfAbsent({ ...keys.apiKey(key.keyId), ...key })) ? 'issued' : 'exists'),
    get: (keyId) => getItem<ApiKey>(keys.apiKey(keyId)),
    async list() {
      const items = await queryAll(dynamo, {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.apiKeys },
      });
      return items
        .map((item) => withoutKeys<ApiKey>(item))
        .sort((a, b) => (a.issued.at < b.issued.at ? 1 : a.issued.at > b.issued.at ? -1 : 0));
    },
    async revoke(keyId, revoked) {
      try {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.apiKey(keyId),
            UpdateExpression: 'SET revoked = :revoked',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revoked)',
            ExpressionAttributeValues: { ':revoked': revoked },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return withoutKeys<ApiKey>(Attributes ?? {});
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        // What stood there comes back with the refusal: a key already revoked, or nothing.
        return error.Item ? 'already' : 'unknown';
      }
    },
    async recordRequest(request) {
      await putIfAbsent({ ...keys.clientRequest(request.keyId, request.caseId), ...request });
      if (request.token) await putIfAbsent({ ...keys.clientToken(request.keyId, request.token), ...request });
    },
    request: (keyId, caseId) => getItem<ClientRequest>(keys.clientRequest(keyId, caseId)),
    async requests(keyId, from, to, limit) {
      const range = keys.clientRequests(keyId, from, to);
      // One page: a request record is a few hundred bytes, so `limit` (at most 1,000) fits in it.
      const { Items = [] } = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': range.PK, ':from': range.from, ':to': range.to },
          Limit: limit,
        }),
      );
      return Items.map((item) => withoutKeys<ClientRequest>(item));
    },
    byToken: (keyId, token) => getItem<ClientRequest>(keys.clientToken(keyId, token)),
  };
}
