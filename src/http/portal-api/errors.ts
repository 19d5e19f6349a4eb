import { DEFAULT_STATUS, type StatusMap } from '../kit/simple-errors.js';

export const PORTAL_API_ERRORS = { ...DEFAULT_STATUS } satisfies StatusMap;
