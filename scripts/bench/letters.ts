// Letters received at a given time, registered through intake (each with its acknowledgement).

import { webIntake } from '../../test/fixtures/petitions.ts';
import { publicCaller } from '../../test/fixtures/use-case-context.ts';
import type { BenchStack } from './stack.ts';

export async function registerLetters(
  ctx: Awaited<ReturnType<BenchStack['onTableOfItsOwn']>>,
  count: number,
  receivedAt: string,
) {
  const { submitPetition } = await import('../../shared/usecases/submit-petition.ts');
  for (let i = 0; i < count; i++)
    await submitPetition(
      ctx,
      { ...webIntake(), channel: 'letter', receivedAt, lateReason: 'a letter found late (bench)' },
      publicCaller,
    );
}
