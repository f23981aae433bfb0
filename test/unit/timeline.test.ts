import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  DISPOSED_EVENT,
  firstTamperedEvent,
  GENESIS_HASH,
  hashEvent,
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

  it('seals data by a salted digest: the hash holds no trace of the data itself', () => {
    const [event] = chain(1) as [TimelineEvent];
    expect(event.dataSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(event.dataDigest).toMatch(/^[0-9a-f]{64}$/);
    // The same data in another event has another digest (another salt).
    const [other] = chain(1) as [TimelineEvent];
    expect(other.dataDigest).not.toBe(event.dataDigest);
  });

  describe('after a disposal erased personal values', () => {
    const disposedAfter = (events: TimelineEvent[], erasedEvents: number[]) => {
      const last = events.at(-1) as TimelineEvent;
      return [
        ...events,
        nextEvent(last, {
          type: DISPOSED_EVENT,
          at: '2056-01-01T00:00:00Z',
          actor: { kind: 'system' },
          data: { list: 'D-2056-1', erasedEvents },
        }),
      ];
    };
    const erase = (event: TimelineEvent): TimelineEvent => {
      const { dataSalt: _salt, ...rest } = event;
      return { ...rest, data: { n: '〔已刪除〕' }, erased: { list: 'D-2056-1', on: '2056-01-01' } };
    };

    it('still verifies: the digest stands for the data it no longer holds, the salt is gone', () => {
      const events = disposedAfter(chain(4), [2]);
      events[1] = erase(events[1] as TimelineEvent);
      expect(events[1]?.dataSalt).toBeUndefined();
      expect(firstTamperedEvent(events)).toBeUndefined();
    });

    it('still checks what the digest does not cover: an erased event whose type changed is caught', () => {
      const events = disposedAfter(chain(4), [2]);
      events[1] = { ...erase(events[1] as TimelineEvent), type: 'instruction' };
      expect(firstTamperedEvent(events)).toEqual({ seq: 2, reason: 'contents changed' });
    });

    it('refuses an erasure no disposal names', () => {
      const events = disposedAfter(chain(4), [3]);
      events[1] = erase(events[1] as TimelineEvent);
      expect(firstTamperedEvent(events)).toEqual({
        seq: 2,
        reason: 'erased without a disposal that names it',
      });
    });
  });

  describe('events written before they were sealed by digest (hashed over their data)', () => {
    const legacyChain = (length: number) => {
      const events: TimelineEvent[] = [];
      let prevHash = GENESIS_HASH;
      for (let seq = 1; seq <= length; seq++) {
        const unsigned = {
          seq,
          type: 'instruction',
          at: '2026-01-01T00:00:00Z',
          actor: { kind: 'system' as const },
          data: { text: `step ${seq}` },
          prevHash,
        };
        const event = { ...unsigned, hash: hashEvent(unsigned) };
        events.push(event);
        prevHash = event.hash;
      }
      return events;
    };

    it('verify as before, and a changed one is caught', () => {
      const events = legacyChain(3);
      expect(firstTamperedEvent(events)).toBeUndefined();
      events[1] = { ...(events[1] as TimelineEvent), data: { text: 'rewritten' } };
      expect(firstTamperedEvent(events)).toEqual({ seq: 2, reason: 'contents changed' });
    });

    it('once erased by a disposal that names them, keep their stored hash and their links', () => {
      const events = legacyChain(3);
      const last = events.at(-1) as TimelineEvent;
      events.push(
        nextEvent(last, {
          type: DISPOSED_EVENT,
          at: '2056-01-01T00:00:00Z',
          actor: { kind: 'system' },
          data: { erasedEvents: [2] },
        }),
      );
      events[1] = {
        ...(events[1] as TimelineEvent),
        data: { text: '〔已刪除〕' },
        erased: { list: 'D', on: '2056-01-01' },
      };
      expect(firstTamperedEvent(events)).toBeUndefined();
      events[1] = { ...(events[1] as TimelineEvent), prevHash: GENESIS_HASH };
      expect(firstTamperedEvent(events)).toEqual({ seq: 2, reason: 'broken link to the previous event' });
    });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
