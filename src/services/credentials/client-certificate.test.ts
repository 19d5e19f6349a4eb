import { describe, expect, it } from 'vitest';
import { generateCertificate } from '../../../test/helpers/certificates.js';
import { DomainError } from '../../domain/errors.js';
import { certificateDer, parseClientCertificate } from './client-certificate.js';

describe('parseClientCertificate', () => {
  it('reads subject, issuer, validity and the PSD2 roles of QCStatements', async () => {
    const { pem, certificate } = await generateCertificate({ roles: ['PSP_AI', 'PSP_PI'] });
    const parsed = parseClientCertificate(pem);
    expect(parsed.subject).toBe('CN=tpp.example.com, O=Test TPP Ltd, C=GB');
    expect(parsed.issuer).toBe(parsed.subject);
    expect(parsed.notBefore.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsed.notAfter.toISOString()).toBe('2028-01-01T00:00:00.000Z');
    expect(parsed.psd2Roles).toEqual(['PSP_AI', 'PSP_PI']);
    expect(parsed.thumbprint).toBe(
      Buffer.from(await certificate.getThumbprint('SHA-256')).toString('base64url'),
    );
  });

  it('finds no roles without QCStatements', async () => {
    const { pem } = await generateCertificate();
    expect(parseClientCertificate(pem).psd2Roles).toEqual([]);
  });

  it('reads a PEM URL-encoded, with spaces for line breaks, or as bare base64, all the same', async () => {
    const { pem } = await generateCertificate({ roles: ['PSP_AS', 'PSP_IC'] });
    const expected = parseClientCertificate(pem);
    expect(parseClientCertificate(encodeURIComponent(pem))).toEqual(expected);
    expect(parseClientCertificate(pem.replace(/\n/g, ' '))).toEqual(expected);
    expect(parseClientCertificate(pem.replace(/-----[A-Z ]+-----/g, ''))).toEqual(expected);
  });

  it('refuses what is not a certificate with certificate.invalid', () => {
    for (const bad of [
      '',
      'hello world',
      '%E0%A4%A',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    ]) {
      expect(() => parseClientCertificate(bad)).toThrow(DomainError);
      try {
        parseClientCertificate(bad);
      } catch (error) {
        expect((error as DomainError).code).toBe('certificate.invalid');
      }
    }
    expect(certificateDer('QUJD').toString()).toBe('ABC');
  });
});
