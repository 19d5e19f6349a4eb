// A TPP's X.509 client certificate (eIDAS QWAC for PSD2): who it names, when it is valid, and the PSD2
// roles of its QCStatements extension (ETSI TS 119 495 §5.1). Parsing only, no I/O; not in domain/ since it
// needs node:crypto and the X.509 libraries.
// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { X509Certificate } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { DomainError } from '../../domain/errors.js';

export const PSD2_ROLES = ['PSP_AS', 'PSP_PI', 'PSP_AI', 'PSP_IC'] as const;
export type Psd2Role = (typeof PSD2_ROLES)[number];

const QC_STATEMENTS_OID = '1.3.6.1.5.5.7.1.3';
const PSD2_QC_TYPE_OID = '0.4.0.19495.2';
/** ETSI TS 119 495 §5.1: id-psd2-role-psp-as .. -ic. */
const ROLE_BY_OID: Record<string, Psd2Role> = {
  '0.4.0.19495.1.1': 'PSP_AS',
  '0.4.0.19495.1.2': 'PSP_PI',
  '0.4.0.19495.1.3': 'PSP_AI',
  '0.4.0.19495.1.4': 'PSP_IC',
};

export interface ClientCertificate {
  /** RFC 8705 x5t#S256: base64url SHA-256 of the DER bytes. */
  thumbprint: string;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  psd2Roles: Psd2Role[];
}

const PEM_BODY = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

/**
 * The DER bytes of a certificate as a PEM, a PEM URL-encoded (nginx `$ssl_client_escaped_cert`), a PEM
 * whose line breaks became spaces (a header cannot hold newlines), or bare base64.
 */
export function certificateDer(text: string): Buffer {
  let value = text.trim();
  if (value.includes('%')) {
    try {
      value = decodeURIComponent(value);
    } catch {
      throw new DomainError('certificate.invalid', 'The certificate is not validly URL-encoded');
    }
  }
  const body = PEM_BODY.exec(value)?.[1] ?? value;
  const base64 = body.replace(/\s+/g, '');
  if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new DomainError('certificate.invalid', 'The certificate is not PEM or base64 DER');
  return Buffer.from(base64, 'base64');
}

/** The PSD2 roles named by a QCStatements extension value (DER), in the order listed. */
function psd2RolesOf(extensionValue: ArrayBuffer): Psd2Role[] {
  const parsed = asn1js.fromBER(extensionValue);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return [];
  const roles: Psd2Role[] = [];
  for (const statement of parsed.result.valueBlock.value) {
    if (!(statement instanceof asn1js.Sequence)) continue;
    const [id, info] = statement.valueBlock.value;
    if (!(id instanceof asn1js.ObjectIdentifier) || id.valueBlock.toString() !== PSD2_QC_TYPE_OID) continue;
    // PSD2QcType ::= SEQUENCE { rolesOfPSP SEQUENCE OF RoleOfPSP, nCAName, nCAId }
    const rolesOfPsp = info instanceof asn1js.Sequence ? info.valueBlock.value[0] : undefined;
    if (!(rolesOfPsp instanceof asn1js.Sequence)) continue;
    for (const role of rolesOfPsp.valueBlock.value) {
      const oid = role instanceof asn1js.Sequence ? role.valueBlock.value[0] : undefined;
      const name =
        oid instanceof asn1js.ObjectIdentifier ? ROLE_BY_OID[oid.valueBlock.toString()] : undefined;
      if (name && !roles.includes(name)) roles.push(name);
    }
  }
  return roles;
}

/** A distinguished name most specific part first, as Java and OBP print it: `CN=.., O=.., C=..`. */
function distinguishedName(name: X509Certificate['subjectName']): string {
  return name
    .toJSON()
    .slice()
    .reverse()
    .flatMap((rdn) =>
      Object.entries(rdn).flatMap(([type, values]) => values.map((value) => `${type}=${value}`)),
    )
    .join(', ');
}

export function parseClientCertificate(text: string): ClientCertificate {
  const der = certificateDer(text);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    throw new DomainError('certificate.invalid', 'The certificate cannot be parsed');
  }
  const qc = certificate.getExtension(QC_STATEMENTS_OID);
  return {
    thumbprint: createHash('sha256').update(der).digest('base64url'),
    subject: distinguishedName(certificate.subjectName),
    issuer: distinguishedName(certificate.issuerName),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    psd2Roles: qc ? psd2RolesOf(qc.value) : [],
  };
}
