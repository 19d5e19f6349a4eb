// The ordered list of migrations. Append only; names sort in the order they run.
import type { Migration } from 'kysely';
import type { Dialect } from '../database.js';
import { foundation } from './0001-foundation.js';
import { customers } from './0002-customers.js';
import { fundsConfirmation } from './0003-funds-confirmation.js';
import { validationCoveringIndexes } from './0004-validation-covering-indexes.js';
import { consentKinds } from './0005-consent-kinds.js';
import { obpIdentity } from './0007-obp-identity.js';
import { portal } from './0008-portal.js';
import { obpConsents } from './0009-obp-consents.js';
import { consentStatusCounts } from './0010-consent-status-counts.js';
import { loginSources } from './0011-login-sources.js';
import { consentSearchCounts } from './0012-consent-search-counts.js';
import { consentSearchFilters } from './0013-consent-search-filters.js';

export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-customers': customers(dialect),
    '0003-funds-confirmation': fundsConfirmation(dialect),
    '0004-validation-covering-indexes': validationCoveringIndexes(dialect),
    '0005-consent-kinds': consentKinds(dialect),
    '0007-obp-identity': obpIdentity(dialect),
    '0008-portal': portal(dialect),
    '0009-obp-consents': obpConsents(dialect),
    '0010-consent-status-counts': consentStatusCounts(dialect),
    '0011-login-sources': loginSources(dialect),
    '0012-consent-search-counts': consentSearchCounts(dialect),
    '0013-consent-search-filters': consentSearchFilters(dialect),
  };
}
