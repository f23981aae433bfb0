// The table's stream consumers: a Lambda event source on AWS, a poller under `npm start`.
import { keys } from '../shared/store/keys.ts';
import { tableDefinition } from '../shared/store/table-definition.ts';

export const STREAM_FUNCTIONS = ['repeats'] as const;
export type StreamFunctionName = (typeof STREAM_FUNCTIONS)[number];

/** Which stream records reach a consumer: Lambda's event filter pattern (exact values only). */
export type RecordFilter = { [field: string]: string[] | RecordFilter };

export interface StreamConsumer {
  function: StreamFunctionName;
  filter: RecordFilter;
  description: string;
}

export const streamConsumers: StreamConsumer[] = [
  {
    function: 'repeats',
    // The case item's first write: a new case file (the stream carries keys only).
    filter: {
      eventName: ['INSERT'],
      dynamodb: { Keys: { [tableDefinition.sortKey]: { S: [keys.caseSortKey] } } },
    },
    description: "Compare each new case file with the same person's earlier files (likely repeat)",
  },
];
