// The records of the files on case files, in the case's partition (AP38): one item per file,
// moved from state to state only from the state it was read in.
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Attachment, oldestFirst } from '../domain/attachments.ts';
import type { Attachments } from '../usecases/ports.ts';
import { type Dynamo, isConditionFailure, notExists, queryAll, withoutKeys } from './dynamo.ts';
import { attachmentItem } from './items.ts';
import { inCasePartition, keys } from './keys.ts';

export function attachments(dynamo: Dynamo): Attachments {
  const { doc, tableName } = dynamo;
  const list = async (caseId: string) => {
    const items = await queryAll(dynamo, {
      ...inCasePartition(caseId, keys.attachmentPrefix),
      ConsistentRead: true,
    });
    return items.map((item) => withoutKeys<Attachment>(item)).sort(oldestFirst);
  };
  return {
    async add(attachment) {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: attachmentItem(attachment),
          ConditionExpression: notExists,
        }),
      );
    },
    async get(caseId, attachmentId) {
      const { Item } = await doc.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.attachment(caseId, attachmentId),
          ConsistentRead: true,
        }),
      );
      return Item ? withoutKeys<Attachment>(Item) : undefined;
    },
    list,
    async move(current, next) {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: attachmentItem(next),
            ConditionExpression: '#state = :from',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':from': current.state },
          }),
        );
        return 'moved';
      } catch (error) {
        if (isConditionFailure(error)) return 'notInState';
        throw error;
      }
    },
  };
}
