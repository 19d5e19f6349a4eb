// How the manage API shows domain errors: the OB defaults, nothing different.
import { OB_ERRORS } from '../ob/ob-error-map.js';
import type { ObErrorMap } from '../ob/ob-errors.js';

export const MANAGE_API_ERRORS: ObErrorMap = { base: OB_ERRORS, codes: {} };
