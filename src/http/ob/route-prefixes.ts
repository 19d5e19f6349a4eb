// Where the OBIE-style APIs are mounted: app.ts registers them here and their Links.Self point here.
export const MANAGE_API_PREFIX = '/api/fs/consent/manage';
export const VALIDATE_API_PREFIX = '/api/fs/consent';
export const COF_API_PREFIX = '/api/consent-mgt/cof/v3.0';
