import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import { planSchema, type Plan } from '../../../../core/offers/catalogue';
import { useApiSave } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useLocale, useT, type PlainMessageKey } from '../../i18n';
import { errorSink, numberText, parseNumberText, readNewCode, readNumber, readText, schemaChecked, type NumberRule } from './formCheck';
import { FormProblems } from './FormProblems';
import { useEditedSince } from '../../components/keepEditedOpen';

type NumKey =
  | 'monthly_fee'
  | 'incl_local_min'
  | 'incl_ld_min'
  | 'incl_roaming_min'
  | 'incl_data_mb'
  | 'price_local_min'
  | 'price_ld_min'
  | 'price_roaming_min'
  | 'price_data_mb';
type Key = 'code' | 'name' | 'active' | NumKey;

/** The schema's limits (core/offers/catalogue.ts planSchema); included amounts and prices default to 0. */
const limits: Record<NumKey, Omit<NumberRule, 'label'>> = {
  monthly_fee: { min: 0, max: 100_000 },
  incl_local_min: { min: 0, max: 1_000_000, empty: 0 },
  incl_ld_min: { min: 0, max: 1_000_000, empty: 0 },
  incl_roaming_min: { min: 0, max: 1_000_000, empty: 0 },
  incl_data_mb: { min: 0, max: 100_000_000, empty: 0 },
  price_local_min: { min: 0, max: 1000, empty: 0 },
  price_ld_min: { min: 0, max: 1000, empty: 0 },
  price_roaming_min: { min: 0, max: 1000, empty: 0 },
  price_data_mb: { min: 0, max: 1000, empty: 0 },
};
const numKeys = Object.keys(limits) as NumKey[];

const hints: Partial<Record<NumKey, PlainMessageKey>> = {
  incl_local_min: 'catalogue.pool.hint',
  incl_data_mb: 'catalogue.data.hint',
  price_data_mb: 'catalogue.priceData.hint',
};

type Form = { code: string; name: string; active: boolean } & Record<NumKey, string>;

const formOf = (p: Plan | null): Form => ({
  code: p?.code ?? '',
  name: p?.name ?? '',
  active: p?.active ?? true,
  ...(Object.fromEntries(numKeys.map((k) => [k, p ? numberText(p[k]) : ''])) as Record<NumKey, string>),
});

/** Create or edit one tariff plan for the tariff preview (docs/product.md §5.4); the code is fixed once it exists. */
export function PlanDialog({ plan, taken, onClose, onSaved }: { plan: Plan | null; taken: ReadonlyMap<string, string>; onClose(): void; onSaved(p: Plan, created: boolean): void }) {
  const t = useT();
  const apiSave = useApiSave();
  const locale = useLocale();
  const isNew = plan === null;
  const [form, setForm] = useState<Form>(() => formOf(plan));
  const { closeUnlessEdited } = useEditedSince(form);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const label = useCallback((k: Key) => t(`catalogue.f.${k}`), [t]);

  const checked = useMemo(() => {
    const { errors, take } = errorSink<Key>();
    const values: Record<string, unknown> = {
      code: isNew ? take('code', readNewCode(form.code, label('code'), taken, t)) : form.code,
      name: take('name', readText(form.name, { label: label('name'), max: 100, required: true }, t)),
      active: form.active,
    };
    for (const k of numKeys) values[k] = take(k, readNumber(form[k], { label: label(k), ...limits[k] }, t));
    if (Object.keys(errors).length > 0) return { errors, plan: null };
    return { errors, plan: schemaChecked(planSchema.safeParse(values), errors, label, t) };
  }, [form, isNew, taken, t, label]);

  const shown = tried ? checked.errors : {};
  const save = () => {
    setTried(true);
    const p = checked.plan;
    if (!p) return;
    void run(async () => {
      const r = await apiSave('plan-save', { plan: p });
      onSaved(r.plan, r.created);
    });
  };

  // What a supervisor thinks in: plans are sold by the GB, the file counts MB.
  const live = (k: NumKey): string | null => {
    const n = parseNumberText(form[k]);
    if (n === null || n <= 0) return null;
    if (k === 'incl_data_mb') return t('catalogue.data.asGb', { gb: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n / 1024) });
    if (k === 'price_data_mb') return t('catalogue.priceData.asGb', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n * 1024) });
    return null;
  };
  const numberBox = (k: NumKey) => (
    <TextField
      key={k}
      size="small"
      label={label(k)}
      value={form[k]}
      onChange={(e) => set(k, e.target.value)}
      required={limits[k].empty === undefined}
      error={!!shown[k]}
      helperText={shown[k] ?? live(k) ?? (hints[k] ? t(hints[k]) : ' ')}
      placeholder="0"
      slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `plan-${k}` }, inputLabel: { shrink: true } }}
    />
  );

  return (
    <Dialog open onClose={closeUnlessEdited(() => !busy && onClose())} fullWidth maxWidth="sm" scroll="paper" aria-labelledby="plan-dialog-title" data-testid="plan-dialog">
      <DialogTitle id="plan-dialog-title">{isNew ? t('catalogue.plan.new') : t('catalogue.plan.edit', { code: plan.code })}</DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 1.5 }}>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
          <TextField
            size="small"
            label={label('code')}
            value={form.code}
            onChange={(e) => set('code', e.target.value)}
            disabled={!isNew}
            required={isNew}
            autoFocus={isNew}
            error={!!shown.code}
            helperText={shown.code ?? (isNew ? t('catalogue.planCode.hint') : t('catalogue.code.fixed'))}
            slotProps={{ htmlInput: { maxLength: 40, 'data-testid': 'plan-code' } }}
          />
          <FormControlLabel
            sx={{ mt: 0.5 }}
            control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} slotProps={{ input: { 'data-testid': 'plan-active' } as object }} />}
            label={form.active ? t('catalogue.state.on') : t('catalogue.state.off')}
          />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 2, alignItems: 'start' }}>
          <TextField
            size="small"
            label={label('name')}
            value={form.name}
            onChange={(e) => set('name', e.target.value)}
            required
            autoFocus={!isNew}
            error={!!shown.name}
            helperText={shown.name ?? ' '}
            slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'plan-name' } }}
          />
          {numberBox('monthly_fee')}
        </Box>
        <Typography variant="subtitle2" component="h3">
          {t('catalogue.plan.included')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
          {(['incl_local_min', 'incl_ld_min', 'incl_roaming_min', 'incl_data_mb'] as const).map(numberBox)}
        </Box>
        <Typography variant="subtitle2" component="h3">
          {t('catalogue.plan.overage')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
          {(['price_local_min', 'price_ld_min', 'price_roaming_min', 'price_data_mb'] as const).map(numberBox)}
        </Box>
        {!form.active && (
          <Typography variant="body2" color="text.secondary">
            {t('catalogue.active.planHint')}
          </Typography>
        )}
        <FormProblems errors={checked.errors} tried={tried} testId="plan-problems" />
        {error != null && <ErrorAlert title={t('catalogue.save.failed')} error={error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={save} disabled={busy} data-testid="plan-save">
          {t('catalogue.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
