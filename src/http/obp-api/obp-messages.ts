// The OBP error messages this server answers with, word for word as OBP sends them (seed 003 and OBP-API's
// ErrorMessages.scala, see ref/README.md §8). A wire message is `<code>: <text>`, sometimes followed by a detail.

export const OBP_MESSAGES = {
  'OBP-00010': 'Missing props value at this API instance -',
  'OBP-10001': 'Incorrect json format.',
  'OBP-10009': 'Could not save or update resource.',
  'OBP-10024': 'wrong value for obp_offset parameter. Please send a positive integer (=>0)!',
  'OBP-10025': 'wrong value for obp_limit parameter. Please send a positive integer (=>1)!',
  'OBP-10018': 'Too Many Requests.',
  'OBP-10404':
    '404 Not Found. The server could not find the requested URI. Please double check your URL, headers and body.',
  'OBP-10405': 'Resource does not exist.',
  'OBP-20001': 'User not logged in. Authentication is required!',
  'OBP-20004': 'Invalid login credentials. Check username/password.',
  'OBP-20006': 'User is missing one or more roles:',
  'OBP-20013': 'The account has been locked, please contact an administrator!',
  'OBP-20057': 'User not found by userId.',
  'OBP-20058': 'Consumer is disabled.',
  'OBP-20300': 'PEM Encoded Certificate issue.',
  'OBP-20306': 'PEM Encoded Certificate cannot be found at request header.',
  'OBP-30001': 'Bank not found. Please specify a valid value for BANK_ID.',
  'OBP-30018': 'Bank Account not found. Please specify valid values for BANK_ID and ACCOUNT_ID.',
  'OBP-30019': 'Consumer not found. Please specify a valid value for CONSUMER_ID.',
  'OBP-35001': 'Consent not found by CONSENT_ID.',
  'OBP-35002':
    'The Consent Not Before time (nbf) is in the future. Not Before (nbf) should be in the past. Please make sure the Consent nbf is before the current date time of the OBP API server.',
  'OBP-35003': 'Consent-Id is expired.',
  'OBP-35004': "Consent-Id JWT value couldn't be verified.",
  'OBP-35005': 'Consent-Id is not in status ACCEPTED.',
  'OBP-35008': 'Cannot get Consent-Id.',
  'OBP-35009': 'Only SMS, EMAIL and IMPLICIT are supported as SCA methods.',
  'OBP-35010': 'SMS server is not working or SMS server can not send the message to the phone number:',
  'OBP-35012': 'Consent is already revoked.',
  'OBP-35013': 'Consents can only contain Roles that you already have access to.',
  'OBP-35014': 'Consents can only contain Views that you already have access to.',
  'OBP-35015': 'The Consent does not match a valid Consumer.',
  'OBP-35016':
    'The Consumer-Key request header is missing. The request header must contain the Consumer-Key of the Consumer that was used to create the Consent.',
  'OBP-35017': 'The Consumer specified in this consent is disabled.',
  'OBP-35018': 'The Consumer specified in this consent cannot be found.',
  'OBP-35020': 'You exceeded max value of time to live of consents.',
  'OBP-35023': 'The Consent does not match a valid User.',
  'OBP-35024': "The Consent's User is already added.",
  'OBP-35025': "The Consent's status cannot be updated.",
  'OBP-35028': 'Consent Request not found by CONSENT_REQUEST_ID.',
  'OBP-35029': 'The CONSENT_REQUEST_ID is invalid.',
  'OBP-35032': "The Consent's Request Header value is not formatted as UUID or JWT.",
  'OBP-35033':
    'Consents cannot contain the following Roles: CanCreateEntitlementAtOneBank and CanCreateEntitlementAtAnyBank.',
  'OBP-50000': 'Unknown Error.',
  'OBP-50200': 'Connector cannot return the data we requested.',
} as const;

export type ObpCode = keyof typeof OBP_MESSAGES;
