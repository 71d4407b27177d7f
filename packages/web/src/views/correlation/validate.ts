import { correlationPairRequest, correlationRequest } from '@soukan/requests';
import type { I18n } from '../../i18n/i18n';
import { fieldProblem, formError, type FormValues } from '../validate';

/** The correlation request's verdict on the matrix page's query (null when valid). */
export const correlationFormError = (form: FormValues) => formError(correlationRequest, form);

/** The pair page's query checked as the API will (null when valid). */
export const pairFormError = (form: FormValues) => formError(correlationPairRequest, form);

/** The matrix window field: a count within the one bound, or "all". */
export const windowProblem = (v: string, i18n: Pick<I18n, 'error'>): string | null => fieldProblem(correlationRequest, 'window', v, i18n);

/** A date field (end, from, to). */
export const dateProblem = (v: string, i18n: Pick<I18n, 'error'>): string | null => fieldProblem(correlationRequest, 'end', v, i18n);

/** The pair page's rolling window. */
export const rollingProblem = (v: string, i18n: Pick<I18n, 'error'>): string | null => fieldProblem(correlationPairRequest, 'rolling', v, i18n);
