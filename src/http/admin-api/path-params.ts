// The path parameters of the admin API, so routes read them typed (TypeBox provider), never cast.
import { Type } from 'typebox';

export const ClientIdParams = Type.Object({ clientId: Type.String() });
export const UsernameParams = Type.Object({ username: Type.String() });
export const AccountIdParams = Type.Object({ accountId: Type.String() });
export const CustomerIdParams = Type.Object({ customerId: Type.String() });
export const EntitlementParams = Type.Object({ customerId: Type.String(), entitlementId: Type.String() });
