// OBP's path parameters, by OBP's own names, as TypeBox schemas: each route's handler reads them typed.
// Path segments are always text, so these only type and document them; they never refuse a request.
import { Type } from 'typebox';

const Segment = Type.String();

export const BankParams = Type.Object({ BANK_ID: Segment });
export const ConsentParams = Type.Object({ CONSENT_ID: Segment });
export const BankConsentParams = Type.Object({ BANK_ID: Segment, CONSENT_ID: Segment });
export const BankScaMethodParams = Type.Object({ BANK_ID: Segment, SCA_METHOD: Segment });
export const ConsentRequestParams = Type.Object({ CONSENT_REQUEST_ID: Segment });
export const ConsentRequestScaParams = Type.Object({ CONSENT_REQUEST_ID: Segment, SCA_METHOD: Segment });
export const AccountViewParams = Type.Object({ BANK_ID: Segment, ACCOUNT_ID: Segment, VIEW_ID: Segment });
