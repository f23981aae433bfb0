// The organ's digital signature on its documents (PAdES baseline B: ETSI.CAdES.detached):
// a CMS SignedData over every byte of the PDF but the signature's own, with the signing
// certificate bound in a signed attribute (ESS signing-certificate-v2). RSA with SHA-256 here;
// a mainland office that must use SM2/SM3 puts its own signer behind the same port (README).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import * as z from 'zod/mini';
import { UnavailableError } from '../../shared/errors.ts';
import type { DocumentSigner, SignatureCheck } from '../../shared/usecases/ports.ts';
import { NUMBER_KEYWORD } from './pdf.ts';

const { asn1 } = forge;
const { Class, Type } = asn1;
type Node = forge.asn1.Asn1;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const sequence = (value: Node[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const set = (value: Node[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, value);
const oid = (id: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (bytes: Buffer) =>
  asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes.toString('binary'));
const integer = (n: number) =>
  asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const none = () => asn1.create(Class.UNIVERSAL, Type.NULL, false, '');
const tagged = (tag: number, value: Node[]) => asn1.create(Class.CONTEXT_SPECIFIC, tag, true, value);
const der = (node: Node) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();
const algorithm = (id: string) => sequence([oid(id), none()]);

const children = (node: Node | undefined): Node[] => (Array.isArray(node?.value) ? node.value : []);
const bytesOf = (node: Node | undefined) =>
  Buffer.from(typeof node?.value === 'string' ? node.value : '', 'binary');

/** The organ's key and certificate, as PEM: from Secrets Manager on AWS, generated locally. */
export const signingKeySchema = z.object({ key: z.string(), certificate: z.string() });
export type SigningKey = z.infer<typeof signingKeySchema>;

/** DER orders a SET OF by its members' encodings. */
const derSet = (members: Node[]) =>
  set(
    members
      .map((m) => ({ m, bytes: der(m) }))
      .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
      .map((x) => x.m),
  );

class CadesSigner extends Signer {
  private readonly key: KeyObject;
  private readonly certificate: forge.pki.Certificate;
  constructor(keys: SigningKey) {
    super();
    this.key = createPrivateKey(keys.key);
    this.certificate = forge.pki.certificateFromPem(keys.certificate);
  }

  override async sign(pdf: Buffer): Promise<Buffer> {
    const certificate = forge.pki.certificateToAsn1(this.certificate);
    const attributes = derSet([
      sequence([oid(OID.contentType), set([oid(OID.data)])]),
      sequence([oid(OID.messageDigest), set([octets(sha256(pdf))])]),
      // ESS signing-certificate-v2 (RFC 5035): the certificate's SHA-256, so it cannot be swapped.
      sequence([
        oid(OID.signingCertificateV2),
        set([sequence([sequence([sequence([octets(sha256(der(certificate)))])])])]),
      ]),
    ]);
    const signature = sign('sha256', der(attributes), this.key);
    const issuerAndSerial = sequence([
      forge.pki.distinguishedNameToAsn1(this.certificate.issuer),
      asn1.create(Class.UNIVERSAL, Type.INTEGER, false, forge.util.hexToBytes(this.certificate.serialNumber)),
    ]);
    const signerInfo = sequence([
      integer(1),
      issuerAndSerial,
      algorithm(OID.sha256),
      tagged(0, children(attributes)),
      algorithm(OID.rsaEncryption),
      octets(signature),
    ]);
    const signedData = sequence([
      integer(1),
      set([algorithm(OID.sha256)]),
      sequence([oid(OID.data)]),
      tagged(0, [certificate]),
      set([signerInfo]),
    ]);
    return der(sequence([oid(OID.signedData), tagged(0, [signedData])]));
  }
}

/** The PDF's last signature: the bytes it covers and its CMS, or undefined for an unsigned file. */
function signatureOf(pdf: Buffer) {
  const ranges = [
    ...pdf.toString('latin1').matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g),
  ];
  const last = ranges.at(-1);
  if (!last) return undefined;
  const [a = 0, b = 0, c = 0, d = 0] = last.slice(1).map(Number);
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  return {
    // The signature covers the whole file, from its first byte to its last, but for itself.
    whole: a === 0 && c + d === pdf.length && /^[0-9a-fA-F]*$/.test(hex),
    covered: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    cms: Buffer.from(hex, 'hex'),
  };
}

/** The DER value at the start of the bytes (the signature's space is padded with zeros). */
function derPrefix(bytes: Buffer): Buffer {
  const first = bytes[1] ?? 0;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const size = first & 0x7f;
  const length = bytes.subarray(2, 2 + size).reduce((n, byte) => n * 256 + byte, 0);
  return bytes.subarray(0, 2 + size + length);
}

/** Checks the CMS over the covered bytes: its digest, its signature, and whose certificate. */
function checkCms(cms: Buffer, covered: Buffer) {
  const content = asn1.fromDer(forge.util.createBuffer(derPrefix(cms).toString('binary')));
  const signedData = children(children(content)[1])[0];
  const parts = children(signedData);
  const certificateNode = children(
    parts.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0),
  )[0];
  const signerInfo = children(parts.at(-1))[0];
  const info = children(signerInfo);
  const attributes = info.find((p) => p.tagClass === Class.CONTEXT_SPECIFIC && p.type === 0);
  const signature = bytesOf(info.at(-1));
  if (!certificateNode || !attributes) return { intact: false, certificate: undefined };
  const digest = children(attributes)
    .map(children)
    .find(
      ([type]) => typeof type?.value === 'string' && asn1.derToOid(type.value) === OID.messageDigest,
    )?.[1];
  const certificate = forge.pki.certificateFromAsn1(certificateNode);
  const publicKey = createPublicKey(forge.pki.publicKeyToPem(certificate.publicKey));
  const signedAttributes = der(set(children(attributes)));
  const intact =
    bytesOf(children(digest)[0]).equals(sha256(covered)) &&
    verify('sha256', signedAttributes, publicKey, signature);
  return { intact, certificate: der(certificateNode) };
}

/** Signs with the organ's key; checks files against the organ's certificate. */
export function padesSigner(keys: SigningKey): DocumentSigner {
  const signer = new CadesSigner(keys);
  const ours = der(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(keys.certificate)));
  return {
    async sign(pdf, by) {
      const document = await PDFDocument.load(pdf);
      pdflibAddPlaceholder({
        pdfDoc: document,
        reason: by.reason,
        contactInfo: '',
        name: by.name,
        location: by.location,
        subFilter: SUBFILTER_ETSI_CADES_DETACHED,
        signatureLength: 8192,
      });
      const prepared = Buffer.from(await document.save({ useObjectStreams: false }));
      return new SignPdf().sign(prepared, signer);
    },
    async check(pdf): Promise<SignatureCheck> {
      const file = Buffer.from(pdf);
      const found = signatureOf(file);
      if (!found) return { signed: false };
      let checked: ReturnType<typeof checkCms>;
      try {
        checked = checkCms(found.cms, found.covered);
      } catch {
        return { signed: true, intact: false, byThisOrgan: false, documentNumber: null };
      }
      const byThisOrgan = checked.certificate?.equals(ours) ?? false;
      return {
        signed: true,
        intact: found.whole && checked.intact,
        byThisOrgan,
        documentNumber: await numberIn(file),
      };
    },
  };
}

async function numberIn(pdf: Buffer): Promise<string | null> {
  try {
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    const keywords = document.getKeywords() ?? '';
    const at = keywords.indexOf(NUMBER_KEYWORD);
    return at < 0 ? null : keywords.slice(at + NUMBER_KEYWORD.length).trim() || null;
  } catch {
    return null;
  }
}

/** A key and a self-signed certificate for the organ (its English name): the local stack's stand-in for a CA's. */
export function generateSigningKey(organ: string): SigningKey {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(8))}`;
  certificate.validity.notBefore = new Date();
  certificate.validity.notAfter = new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);
  const subject = [
    { shortName: 'CN', value: organ },
    { shortName: 'O', value: 'petition-desk local stack, not for issue' },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.sign(forge.pki.privateKeyFromPem(key), forge.md.sha256.create());
  return { key, certificate: forge.pki.certificateToPem(certificate) };
}

/** The key as configured, or 503: documents cannot go out unsigned, and no one has put the key in. */
export function signingKeyOf(json: string): SigningKey {
  try {
    const keys = signingKeySchema.parse(JSON.parse(json));
    createPrivateKey(keys.key);
    forge.pki.certificateFromPem(keys.certificate);
    return keys;
  } catch (error) {
    throw new UnavailableError(
      'The document-signing key is not set up (README, "Sealed and signed documents")',
      {
        cause: error,
      },
    );
  }
}
