// Test certificates: self-signed, optionally with an ETSI TS 119 495 QCStatements extension naming PSD2 roles.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ROLE_OIDS: Record<string, string> = {
  PSP_AS: '0.4.0.19495.1.1',
  PSP_PI: '0.4.0.19495.1.2',
  PSP_AI: '0.4.0.19495.1.3',
  PSP_IC: '0.4.0.19495.1.4',
};

function qcStatements(roles: string[]): x509.Extension {
  const psd2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: roles.map(
          (role) =>
            new asn1js.Sequence({
              value: [
                new asn1js.ObjectIdentifier({ value: ROLE_OIDS[role]! }),
                new asn1js.Utf8String({ value: role }),
              ],
            }),
        ),
      }),
      new asn1js.Utf8String({ value: 'Financial Conduct Authority' }),
      new asn1js.Utf8String({ value: 'GB-FCA' }),
    ],
  });
  const statements = new asn1js.Sequence({
    value: [
      // A QcCompliance statement first, as real QWACs carry, so the PSD2 one is not the only entry.
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '0.4.0.1862.1.1' })] }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '0.4.0.19495.2' }), psd2] }),
    ],
  });
  return new x509.Extension('1.3.6.1.5.5.7.1.3', false, statements.toBER());
}

export interface TestCertificate {
  pem: string;
  certificate: x509.X509Certificate;
}

export async function generateCertificate(
  options: { subject?: string; roles?: string[]; notBefore?: Date; notAfter?: Date } = {},
): Promise<TestCertificate> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const subject = options.subject ?? 'C=GB, O=Test TPP Ltd, CN=tpp.example.com';
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: subject,
    notBefore: options.notBefore ?? new Date('2026-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2028-01-01T00:00:00Z'),
    signingAlgorithm: alg,
    keys: keys as unknown as Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]['keys'],
    extensions: options.roles ? [qcStatements(options.roles)] : [],
  });
  return { pem: certificate.toString('pem'), certificate };
}
