import { DEFAULT_STATUS, type StatusMap } from '../plugins/simple-errors.js';

export const PORTAL_API_ERRORS = { ...DEFAULT_STATUS } satisfies StatusMap;
