import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  firstTamperedEvent,
  GENESIS_HASH,
  nextEvent,
  type TimelineEvent,
} from '../../shared/domain/timeline.ts';

function chain(length: number): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  let previous = { seq: 0, hash: GENESIS_HASH };
  for (let i = 0; i < length; i++) {
    const event = nextEvent(previous, {
      type: i === 0 ? 'received' : 'repeat_submission',
      at: `2026-11-2${i}T00:00:00Z`,
      actor: { kind: 'public' },
      data: { n: i },
    });
    events.push(event);
    previous = event;
  }
  return events;
}

describe('the hash-chained timeline', () => {
  it('verifies an untouched chain', () => {
    expect(firstTamperedEvent(chain(5))).toBeUndefined();
  });

  it('names the first event whose contents changed', () => {
    const events = chain(5);
    events[2] = { ...(events[2] as TimelineEvent), data: { n: 99 } };
    expect(firstTamperedEvent(events)).toEqual({ seq: 3, reason: 'contents changed' });
  });

  it('notices a removed event', () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(firstTamperedEvent(events)).toEqual({ seq: 2, reason: 'missing event' });
  });

  it('notices an event re-hashed after a change (the next link breaks)', () => {
    const events = chain(4);
    const forged = nextEvent(
      { seq: 1, hash: (events[0] as TimelineEvent).hash },
      {
        type: 'repeat_submission',
        at: '2026-11-21T00:00:00Z',
        actor: { kind: 'public' },
        data: { n: 42 },
      },
    );
    events[1] = forged;
    expect(firstTamperedEvent(events)).toEqual({ seq: 3, reason: 'broken link to the previous event' });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
