// Minimal valid UK OB v3.1 request bodies for every manage-API resource (after the OBIE functional
// conformance suite's "minimal" payloads, manifests/data.json), with date-times relative to TEST_NOW in the
// +05:30 offset form of seed 002.
import { createHash } from 'node:crypto';
import type { ConsentKind } from '../../src/domain/consent.js';
import { resourceOfKind, type ConsentResource } from '../../src/http/ob/consent-resources.js';
import { formatDateTime } from '../../src/domain/date-time.js';
import { TEST_NOW } from './test-context.js';

const IST = 330;
const DAY = 86_400_000;

/** An ISO date-time `days` from TEST_NOW, in +05:30. */
export function istIn(days: number): string {
  return formatDateTime(TEST_NOW + days * DAY, IST);
}

export const SAMPLE_FILE = Buffer.from(
  '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.08"><CstmrCdtTrfInitn>' +
    '<GrpHdr><MsgId>TEST-1</MsgId><NbOfTxs>1</NbOfTxs><CtrlSum>20</CtrlSum></GrpHdr>' +
    '</CstmrCdtTrfInitn></Document>',
);

export function base64Sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('base64');
}

const creditor = {
  SchemeName: 'UK.OBIE.SortCodeAccountNumber',
  Identification: '08080021325698',
  Name: 'ACME Inc',
};

export function sampleBody(resource: ConsentResource): Record<string, unknown> {
  switch (resource) {
    case 'account-access-consents':
      return {
        Data: {
          Permissions: [
            'ReadAccountsBasic',
            'ReadBalances',
            'ReadTransactionsBasic',
            'ReadTransactionsCredits',
          ],
          ExpirationDateTime: istIn(5),
          TransactionFromDateTime: istIn(-30),
          TransactionToDateTime: istIn(3),
        },
        Risk: {},
      };
    case 'domestic-payment-consents':
      return {
        Data: {
          Initiation: {
            InstructionIdentification: 'INSTR-1',
            EndToEndIdentification: 'E2E-1',
            InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
            CreditorAccount: creditor,
          },
        },
        Risk: {},
      };
    case 'domestic-scheduled-payment-consents':
      return {
        Data: {
          Permission: 'Create',
          Initiation: {
            RequestedExecutionDateTime: istIn(2),
            InstructionIdentification: 'INSTR-2',
            EndToEndIdentification: 'E2E-2',
            InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
            CreditorAccount: creditor,
          },
        },
        Risk: {},
      };
    case 'domestic-standing-order-consents':
      return {
        Data: {
          Permission: 'Create',
          Initiation: {
            Frequency: 'EvryDay',
            FirstPaymentDateTime: istIn(1),
            FirstPaymentAmount: { Amount: '10.00', Currency: 'GBP' },
            CreditorAccount: creditor,
          },
        },
        Risk: {},
      };
    case 'international-payment-consents':
      return {
        Data: {
          Initiation: {
            InstructionIdentification: 'INSTR-3',
            EndToEndIdentification: 'E2E-3',
            CurrencyOfTransfer: 'USD',
            InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
            CreditorAccount: {
              SchemeName: 'UK.OBIE.IBAN',
              Identification: 'DE89370400440532013000',
              Name: 'ACME',
            },
          },
        },
        Risk: {},
      };
    case 'file-payment-consents':
      return {
        Data: {
          Initiation: {
            FileType: 'UK.OBIE.pain.001.001.08',
            FileHash: base64Sha256(SAMPLE_FILE),
            NumberOfTransactions: '1',
            ControlSum: 20,
          },
        },
      };
    case 'funds-confirmation-consents':
      return {
        Data: {
          ExpirationDateTime: istIn(30),
          DebtorAccount: {
            SchemeName: 'UK.OBIE.SortCodeAccountNumber',
            Identification: '31820',
            Name: 'Olivia',
          },
        },
      };
    case 'domestic-vrp-consents':
      return {
        Data: {
          ControlParameters: {
            PSUAuthenticationMethods: ['UK.OBIE.SCANotRequired'],
            VRPType: ['UK.OBIE.VRPType.Sweeping'],
            ValidFromDateTime: istIn(0),
            ValidToDateTime: istIn(60),
            MaximumIndividualAmount: { Amount: '10.00', Currency: 'GBP' },
            PeriodicLimits: [
              { Amount: '10.00', Currency: 'GBP', PeriodAlignment: 'Consent', PeriodType: 'Week' },
            ],
          },
          Initiation: {
            CreditorAccount: creditor,
            RemittanceInformation: { Reference: 'VRP-1', Unstructured: 'Test Unstructured Data' },
          },
        },
        Risk: {},
      };
  }
}

/** The sample request of the manage-API resource that serves this kind (for tests below http/). */
export function sampleBodyOfKind(kind: ConsentKind): Record<string, unknown> {
  const resource = resourceOfKind(kind);
  if (resource === undefined) throw new Error(`no manage-API resource serves ${kind}`);
  return sampleBody(resource);
}
