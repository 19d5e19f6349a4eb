// How the manage API shows domain errors: the OB defaults, nothing different.
import { OB_ERRORS } from '../ob/ob-error-map.js';

export const MANAGE_API_ERRORS = OB_ERRORS;
