// How the admin API shows domain errors: the {code, message} body, each kind as its usual status.
import { SIMPLE_ERRORS, type StatusMap } from '../kit/simple-errors.js';

export const ADMIN_API_ERRORS: StatusMap = { base: SIMPLE_ERRORS, codes: {} };
