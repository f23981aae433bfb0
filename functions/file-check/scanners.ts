// The malware scanners the processing of uploads may use. Amazon GuardDuty Malware Protection
// for S3 is not offered in the China regions, so a region runs ClamAV's daemon (clamd) where
// its functions reach it; the local stack's stand-in knows one signature, the industry's test file.
import { connect } from 'node:net';
import type { MalwareScanner } from '../../shared/usecases/ports.ts';

/** The antivirus industry's test string: any scanner reports it, nothing runs it. */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The local stack's stand-in: it finds the EICAR test file and nothing else (it is no antivirus). */
export const testSignatureScanner: MalwareScanner = {
  async scan(bytes) {
    return Buffer.from(bytes).includes(EICAR)
      ? { clean: false, finding: 'Eicar-Test-Signature' }
      : { clean: true };
  },
};

/** clamd sends its stream in chunks of at most this; its StreamMaxLength must allow the largest file. */
const CHUNK = 64 * 1024;

/**
 * ClamAV's daemon over TCP (INSTREAM): the bytes in length-prefixed chunks, a zero-length chunk
 * to end, and one answer line, `stream: OK` or `stream: <signature> FOUND`. Anything else
 * (an error, a size limit, a lost connection) throws: the upload is retried, never waved through.
 */
export function clamdScanner(host: string, port: number, timeoutMs = 20_000): MalwareScanner {
  return {
    scan: (bytes) =>
      new Promise((resolve, reject) => {
        const socket = connect({ host, port });
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`clamd at ${host}:${port} timed out`)));
        const answer: Buffer[] = [];
        socket.on('data', (data) => answer.push(data));
        socket.on('error', reject);
        socket.on('end', () => {
          const line = Buffer.concat(answer).toString('utf8').replace(/\0$/, '').trim();
          const found = /^stream: (.+) FOUND$/.exec(line);
          if (line === 'stream: OK') resolve({ clean: true });
          else if (found?.[1]) resolve({ clean: false, finding: found[1] });
          else reject(new Error(`clamd answered: ${line || '(nothing)'}`));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let at = 0; at < bytes.byteLength; at += CHUNK) {
            const chunk = bytes.subarray(at, at + CHUNK);
            const length = Buffer.alloc(4);
            length.writeUInt32BE(chunk.byteLength);
            socket.write(length);
            socket.write(chunk);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}
