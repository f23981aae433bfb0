// Anchors function (scheduled, hourly): seals yesterday's timeline heads outside the table.
import { anchorYesterday } from '../../shared/usecases/anchor-chains.ts';
import { functionContext } from '../context.ts';
import { scheduledFunction } from '../scheduled/scheduled-function.ts';
import { fileAnchors } from './anchor-store.ts';
import { s3Anchors } from './s3-anchors.ts';

const { config } = functionContext();
const anchors = config.ANCHOR_BUCKET
  ? s3Anchors(config.ANCHOR_BUCKET)
  : config.ANCHOR_DIR
    ? fileAnchors(config.ANCHOR_DIR)
    : undefined;
if (!anchors) throw new Error('The anchors function needs ANCHOR_BUCKET (AWS) or ANCHOR_DIR (local)');

export const handler = scheduledFunction('anchor-chains', (ctx) => anchorYesterday(ctx, anchors));
