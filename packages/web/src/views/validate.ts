import { parseParam, parseRequest, RequestError, type Params, type RequestSpec } from '@soukan/requests';
import { ApiError } from '../api/client';
import type { I18n } from '../i18n/i18n';

/** A form as the page holds it: the query texts it will send. */
export type FormValues = Readonly<Record<string, string | undefined>>;

/** A request refusal as the page shows it: the error the API would answer, status 400. */
function asApiError(e: RequestError): ApiError {
  return new ApiError({ status: 400, code: e.code, message: e.message, params: { ...e.params } });
}

/**
 * The request spec's verdict on a whole form — the same verdict the API and
 * the command line give — as the error the API would answer, or null.
 * Empty fields count as not given.
 */
export function formError<P extends Params>(spec: RequestSpec<P>, form: FormValues): ApiError | null {
  const given = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== undefined && v !== ''));
  try {
    parseRequest(spec, given, { text: true });
    return null;
  } catch (e) {
    if (e instanceof RequestError) return asApiError(e);
    throw e;
  }
}

/** {@link formError} in the user's language (the wording of the API's error codes). */
export function formProblem<P extends Params>(spec: RequestSpec<P>, form: FormValues, i18n: Pick<I18n, 'error'>): string | null {
  const e = formError(spec, form);
  return e && i18n.error(e).text;
}

/**
 * One field checked by its parameter in the spec, in the user's language, or
 * null when valid (an empty optional field is valid).
 */
export function fieldProblem<P extends Params>(spec: RequestSpec<P>, name: keyof P & string, text: string, i18n: Pick<I18n, 'error'>): string | null {
  const p = spec.params[name]!;
  if (text.trim() === '' && !p.required) return null;
  try {
    parseParam(name, p, text, { text: true });
    return null;
  } catch (e) {
    if (e instanceof RequestError) return i18n.error(asApiError(e)).text;
    throw e;
  }
}
