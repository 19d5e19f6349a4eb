// The path parameters of the admin API, so routes read them typed (TypeBox provider), never cast.
// (ClientIdParams and UsernameParams, shared with the portal, live in http/admin-schemas.ts.)
import { Type } from 'typebox';

export const AccountIdParams = Type.Object({ accountId: Type.String() });
export const CustomerIdParams = Type.Object({ customerId: Type.String() });
export const EntitlementParams = Type.Object({ customerId: Type.String(), entitlementId: Type.String() });
