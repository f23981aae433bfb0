// The clamd client against a server that speaks clamd's INSTREAM protocol as its manual writes
// it: the command, length-prefixed chunks, a zero-length end, one NUL-terminated answer.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clamdScanner, EICAR } from '../../functions/file-check/scanners.ts';

let server: Server;
let port = 0;
const received: Buffer[] = [];

/** Reads the stream as clamd does; answers FOUND for the test signature, or what the test set. */
let answerOverride: string | undefined;
function clamd(socket: Socket) {
  let buffered = Buffer.alloc(0);
  socket.on('data', (data) => {
    buffered = Buffer.concat([buffered, data]);
    const command = 'zINSTREAM\0';
    if (buffered.length < command.length) return;
    expect(buffered.subarray(0, command.length).toString()).toBe(command);
    let at = command.length;
    const chunks: Buffer[] = [];
    while (buffered.length >= at + 4) {
      const length = buffered.readUInt32BE(at);
      if (length === 0) {
        const stream = Buffer.concat(chunks);
        received.push(stream);
        const answer =
          answerOverride ?? (stream.includes(EICAR) ? 'stream: Win.Test.EICAR_HDB-1 FOUND' : 'stream: OK');
        socket.end(`${answer}\0`);
        return;
      }
      if (buffered.length < at + 4 + length) return;
      chunks.push(buffered.subarray(at + 4, at + 4 + length));
      at += 4 + length;
    }
  });
}

beforeAll(async () => {
  server = createServer(clamd);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(() => {
  server.close();
});

it('streams the whole file in chunks and reads a clean answer', async () => {
  const file = Buffer.alloc(200 * 1024, 7);
  expect(await clamdScanner('127.0.0.1', port).scan(file)).toEqual({ clean: true });
  expect(received.at(-1)?.equals(file)).toBe(true);
});

it('reports the signature clamd found', async () => {
  expect(await clamdScanner('127.0.0.1', port).scan(Buffer.from(`%PDF-1.4 ${EICAR}`))).toEqual({
    clean: false,
    finding: 'Win.Test.EICAR_HDB-1',
  });
});

it('throws on an error or an unreachable daemon, never calling the file clean', async () => {
  answerOverride = 'INSTREAM size limit exceeded. ERROR';
  await expect(clamdScanner('127.0.0.1', port).scan(Buffer.from('x'))).rejects.toThrow(/size limit/);
  answerOverride = undefined;
  await expect(clamdScanner('127.0.0.1', 1).scan(Buffer.from('x'))).rejects.toThrow();
});
