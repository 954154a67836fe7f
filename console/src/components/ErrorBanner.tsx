import type { ApiError } from '../api';

/** A request-level error with its code (UNAUTHENTICATED, FORBIDDEN, …), announced to screen readers. */
export function ErrorBanner({ error }: { error: ApiError | Error }) {
  const code = 'code' in error ? (error as ApiError).code : 'ERROR';
  return (
    <div className="error-banner" role="alert">
      <strong className="code">{code}</strong> {error.message}
    </div>
  );
}

/** userErrors that name no field of the form (or fields it does not show). */
export function UserErrorList({ errors }: { errors: { code: string; field?: string | null; message: string }[] }) {
  if (!errors.length) return null;
  return (
    <ul className="error-banner" role="alert" aria-label="Errors">
      {errors.map((e, i) => (
        <li key={i}>
          <strong className="code">{e.code}</strong>
          {e.field ? <span className="field-name"> ({e.field})</span> : null} {e.message}
        </li>
      ))}
    </ul>
  );
}
