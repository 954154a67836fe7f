import type { ReactNode } from 'react';

export interface FieldError {
  code: string;
  field?: string | null;
  message: string;
}

/**
 * A labelled form field with its errors below it (the userErrors whose `field` it shows), tied to the
 * control with aria-describedby and aria-invalid.
 */
export function Field({ id, label, errors = [], hint, children }: { id: string; label: string; errors?: FieldError[]; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': errors.length > 0, 'aria-describedby': describedBy })}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      {errors.length > 0 && (
        <div id={`${id}-error`} className="field-error" role="alert">
          {errors.map((e, i) => (
            <div key={i}><strong className="code">{e.code}</strong> {e.message}</div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A select of the key's markets. */
export function MarketOptions({ markets, any }: { markets: { code: string; name: string }[]; any?: string }) {
  return (
    <>
      {any !== undefined && <option value="">{any}</option>}
      {markets.map((m) => <option key={m.code} value={m.code}>{m.code} — {m.name}</option>)}
    </>
  );
}
