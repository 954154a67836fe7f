import { useEffect, useState, type FormEvent } from 'react';
import { useAccess } from '../access';
import { ApiError, gql } from '../api';
import { ConsoleCampaignDocument, ConsoleCreateCampaignDocument, ConsoleUpdateCampaignDocument, type StackingMode } from '../generated/graphql';
import { json } from '../format';
import { go, href } from '../route';
import { CONDITION_EXAMPLE, EFFECT_TYPES } from '../rules';
import { emptyForm, formFieldOf, formOf, inputOf, type CampaignForm } from './campaignForm';
import { ErrorBanner, UserErrorList } from './ErrorBanner';
import { Field, MarketOptions, type FieldError } from './Field';

/**
 * Creates or edits a campaign. The API's userErrors (compliance included: DISCOUNT_CAP_EXCEEDED,
 * END_DATE_REQUIRED …) are shown at the field they name; the others above the form.
 */
export function CampaignEditor({ id }: { id: string | null }) {
  const access = useAccess();
  const [form, setForm] = useState<CampaignForm>(() => emptyForm(access.markets[0]?.code ?? ''));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(!!id);

  useEffect(() => {
    if (!id) return;
    gql(ConsoleCampaignDocument, { id })
      .then((d) => (d.campaign ? setForm(formOf(d.campaign)) : setFailure(new ApiError(`No campaign ${id} in your markets.`, 'NOT_FOUND', 200))))
      .catch((e: ApiError) => setFailure(e))
      .finally(() => setBusy(false));
  }, [id]);

  const set = <K extends keyof CampaignForm>(name: K, value: CampaignForm[K]) => setForm((f) => ({ ...f, [name]: value }));
  const text = (name: keyof CampaignForm) => (e: { target: { value: string } }) => set(name, e.target.value as never);
  const at = (name: keyof CampaignForm) => errors.filter((e) => formFieldOf(e.field) === name);
  const elsewhere = errors.filter((e) => formFieldOf(e.field) === null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    setFailure(null);
    const { input, errors: local } = inputOf(form);
    setErrors(local);
    if (local.length) return;
    setBusy(true);
    try {
      const payload = id ? (await gql(ConsoleUpdateCampaignDocument, { id, input })).updateCampaign : (await gql(ConsoleCreateCampaignDocument, { input })).createCampaign;
      setErrors(payload.userErrors);
      if (payload.campaign && !payload.userErrors.length) {
        setSaved(`Saved "${payload.campaign.name}" (${payload.campaign.status}).`);
        setForm(formOf(payload.campaign));
        if (!id) go(`/campaigns/${encodeURIComponent(payload.campaign.id)}`, { created: '1' });
      }
    } catch (err) {
      setFailure(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const created = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('created') === '1';
  return (
    <section aria-labelledby="editor-title">
      <div className="title-row">
        <h1 id="editor-title">{id ? `Campaign ${form.name || id}` : 'New campaign'}</h1>
        {id && <a href={href('/audit', { type: 'CAMPAIGN', id })}>Audit trail</a>}
        {id && <a href={href('/coupons', { campaign: id })}>Coupon codes</a>}
      </div>
      {failure && <ErrorBanner error={failure} />}
      {(saved || (created && !errors.length)) && <p className="notice" role="status">{saved ?? 'Campaign created.'}</p>}
      <UserErrorList errors={elsewhere} />
      <form className="card editor" onSubmit={submit} aria-label={id ? 'Edit campaign' : 'Create campaign'} noValidate>
        <Field id="c-name" label="Name" errors={at('name')}>{(p) => <input {...p} value={form.name} onChange={text('name')} required />}</Field>
        <Field id="c-market" label="Market" errors={at('market')}>
          {(p) => <select {...p} value={form.market} onChange={text('market')} disabled={!!id}><MarketOptions markets={access.markets} /></select>}
        </Field>
        <Field id="c-channels" label="Channels" hint="Comma-separated; empty: every channel" errors={at('channels')}>{(p) => <input {...p} value={form.channels} onChange={text('channels')} />}</Field>
        <Field id="c-priority" label="Priority" errors={at('priority')}>{(p) => <input {...p} type="number" value={form.priority} onChange={text('priority')} />}</Field>
        <Field id="c-stacking" label="Stacking" errors={at('stacking')}>
          {(p) => (
            <select {...p} value={form.stacking} onChange={(e) => set('stacking', e.target.value as StackingMode)}>
              <option value="STACKABLE">Stackable</option>
              <option value="EXCLUSIVE">Exclusive</option>
            </select>
          )}
        </Field>
        <Field id="c-from" label="Valid from (UTC)" errors={at('validFrom')}>{(p) => <input {...p} type="datetime-local" value={form.validFrom} onChange={text('validFrom')} />}</Field>
        <Field id="c-until" label="Valid until (UTC)" errors={at('validUntil')}>{(p) => <input {...p} type="datetime-local" value={form.validUntil} onChange={text('validUntil')} />}</Field>
        <Field id="c-effect" label="Effect type" errors={at('effectType')}>
          {(p) => (
            <select {...p} value={form.effectType} onChange={(e) => setForm((f) => ({ ...f, effectType: e.target.value, effectArgs: json(EFFECT_TYPES[e.target.value]) }))}>
              {Object.keys(EFFECT_TYPES).map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          )}
        </Field>
        <Field id="c-args" label="Effect arguments (JSON)" errors={at('effectArgs')}>{(p) => <textarea {...p} rows={2} value={form.effectArgs} onChange={text('effectArgs')} />}</Field>
        <Field id="c-conditions" label="Conditions (JSON)" hint={`e.g. ${CONDITION_EXAMPLE}`} errors={at('conditions')}>{(p) => <textarea {...p} rows={3} value={form.conditions} onChange={text('conditions')} />}</Field>
        <Field id="c-codes" label="Codes" hint="Comma-separated explicit codes" errors={at('codes')}>{(p) => <input {...p} value={form.codes} onChange={text('codes')} />}</Field>
        <div className="checks">
          <input id="c-coupon" type="checkbox" checked={form.couponRequired} onChange={(e) => set('couponRequired', e.target.checked)} />
          <label htmlFor="c-coupon">Only with a code</label>
          <input id="c-paused" type="checkbox" checked={form.paused} onChange={(e) => set('paused', e.target.checked)} />
          <label htmlFor="c-paused">Paused</label>
        </div>
        <Field id="c-max" label="Maximum redemptions" errors={at('maxRedemptions')}>{(p) => <input {...p} type="number" min={1} value={form.maxRedemptions} onChange={text('maxRedemptions')} />}</Field>
        <Field id="c-max-customer" label="Maximum redemptions per customer" errors={at('maxRedemptionsPerCustomer')}>{(p) => <input {...p} type="number" min={1} value={form.maxRedemptionsPerCustomer} onChange={text('maxRedemptionsPerCustomer')} />}</Field>
        <div className="actions">
          <button type="submit" disabled={busy}>{id ? 'Save changes' : 'Create campaign'}</button>
          <a href={href('/campaigns')}>Back to campaigns</a>
        </div>
      </form>
    </section>
  );
}
