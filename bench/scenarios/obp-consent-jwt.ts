// Scenario "obp-consent-jwt": `GET /obp/v5.1.0/users/current` authorised by a Consent-JWT and its consumer's
// Consent-Key header (issue 10's "a call authorised by a Consent-JWT, with its ratio to the bare route").
// Every call verifies the JWT's signature against the database's key, loads the consent and its consumer,
// checks status and consumer, and records the usage: the path every OBP call made under a consent takes.
import type { Scenario } from '../scenario.js';

export const obpConsentJwt: Scenario = {
  name: 'obp-consent-jwt',
  expectedStatus: 200,
  read: true,
  async prepare({ set }) {
    const targets = set.obpTargets;
    return {
      size: targets.length,
      request: (index, bare) => {
        const target = targets[index]!;
        return {
          method: 'GET',
          path: bare ? `/bare/obp-consent-jwt/${target.consentId}` : '/obp/v5.1.0/users/current',
          headers: { 'consent-jwt': target.jwt, 'consumer-key': target.consumerKey },
        };
      },
    };
  },
};
