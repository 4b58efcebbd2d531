export { PropoError, diskFullError, isPropoError, toPropoError, type PropoErrorOptions } from './propo-error.ts';
export { ERROR_CATALOGUE, type ErrorCode, type ErrorSpec } from './error-codes.ts';
export { isDiskFullError } from './disk-full.ts';
