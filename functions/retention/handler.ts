// Retention function (scheduled, daily): restricts what passed its active period, draws up
// the disposal list of what passed its archive period, carries out approved lists.
import { runRetention } from '../../shared/usecases/retention.ts';
import { configuredFiles } from '../attachments/s3-files.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { scheduledFunction } from '../scheduled/scheduled-function.ts';

const files = configuredFiles();
// It finds a matter's records by their keyed hashes, to remove them.
const peppers = pepperSourceOf(functionContext().config);

export const handler = scheduledFunction('retention', (ctx) => runRetention({ ...ctx, files, peppers }));
