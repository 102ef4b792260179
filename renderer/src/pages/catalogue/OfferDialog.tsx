import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState } from 'react';
import { formatMessage } from '../../../../core/i18n';
import { followUpKinds, followUpLabels, offerCategories, offerChannels, offerSchema, type FollowUpKind, type Offer, type OfferCategory, type OfferChannel } from '../../../../core/offers/catalogue';
import { otherOperatorsNamed, portingOnlyCondition } from '../../../../core/offers/porting';
import { useApiQuery, useApiSave } from '../../api/query';
import { IsoDatePicker, PickersProvider } from '../../components/DatePickers';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { useLabels, useLocale, useT } from '../../i18n';
import { useCategoryLabel } from './catalogueWords';
import { errorSink, numberText, readLongText, readNewCode, readNumber, readText, schemaChecked } from './formCheck';
import { FormProblems } from './FormProblems';
import { OfferReach } from './OfferReach';
import { OfferVersions } from './OfferVersions';
import { checkRules, RulesEditor, rulesState, type RulesState } from './RulesEditor';
import { useEditedSince } from '../../components/keepEditedOpen';

type Key = 'active' | 'code' | 'name_zh' | 'name_en' | 'category' | 'description' | 'script' | 'cost' | 'channels' | 'valid_from' | 'valid_to' | 'cooldown_days' | 'weekly_budget' | 'rules' | 'follow_up_kind' | 'follow_up_days';

interface Form {
  code: string;
  name_zh: string;
  name_en: string;
  category: OfferCategory;
  description: string;
  script: string;
  cost: string;
  channels: OfferChannel[];
  valid_from: string | null;
  valid_to: string | null;
  cooldown_days: string;
  weekly_budget: string;
  active: boolean;
  rules: RulesState;
  /** '' for none (issue 17 #4). */
  follow_up_kind: FollowUpKind | '';
  follow_up_days: string;
}

const formOf = (o: Offer | null): Form => ({
  code: o?.code ?? '',
  name_zh: o?.name_zh ?? '',
  name_en: o?.name_en ?? '',
  category: o?.category ?? 'contract',
  description: o?.description ?? '',
  script: o?.script ?? '',
  cost: numberText(o?.cost ?? 0),
  channels: o ? [...o.channels] : ['phone', 'hall'],
  valid_from: o?.valid_from ?? null,
  valid_to: o?.valid_to ?? null,
  // A new offer starts with the contact policy's defaults (docs/product.md §5.1: 30 days after a decline).
  cooldown_days: numberText(o?.cooldown_days ?? 30),
  weekly_budget: numberText(o?.weekly_budget ?? null),
  active: o?.active ?? true,
  rules: rulesState(o?.rules ?? {}),
  follow_up_kind: o?.follow_up_kind ?? '',
  follow_up_days: numberText(o?.follow_up_days ?? null),
});

/**
 * Create or edit one retention offer (docs/product.md §5.3). The code is what attempts and outcome files refer to, so
 * it is fixed once the offer exists; everything else can change, and the backend records each save in the
 * audit log. `taken` maps the upper-cased codes already in the catalogue to their names.
 */
export function OfferDialog({ offer, taken, onClose, onSaved }: { offer: Offer | null; taken: ReadonlyMap<string, string>; onClose(): void; onSaved(o: Offer, created: boolean): void }) {
  const t = useT();
  const locale = useLocale();
  const apiSave = useApiSave();
  const labels = useLabels();
  const categoryLabel = useCategoryLabel();
  const isNew = offer === null;
  const [form, setForm] = useState<Form>(() => formOf(offer));
  const { closeUnlessEdited } = useEditedSince(form);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useAction();
  // The extra columns the workspace has: offered in the rules editor; a rule on another one is only a warning.
  const columnList = useApiQuery('extra-column-list', {}).data?.headers;
  const columns = useMemo(() => (columnList ? new Set(columnList) : null), [columnList]);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const label = useCallback((k: Key) => t(`catalogue.f.${k}`), [t]);
  const checked = useMemo(() => {
    const { errors, take } = errorSink<Key>();
    const code = isNew ? take('code', readNewCode(form.code, label('code'), taken, t)) : form.code;
    const name_zh = take('name_zh', readText(form.name_zh, { label: label('name_zh'), max: 100, required: true }, t));
    const name_en = take('name_en', readText(form.name_en, { label: label('name_en'), max: 100 }, t));
    const description = take('description', readLongText(form.description, { label: label('description'), max: 2000 }, t));
    const script = take('script', readLongText(form.script, { label: label('script'), max: 4000 }, t));
    const cost = take('cost', readNumber(form.cost, { label: label('cost'), min: 0, max: 100_000, empty: 0 }, t));
    const cooldown_days = take('cooldown_days', readNumber(form.cooldown_days, { label: label('cooldown_days'), min: 0, max: 3650, int: true }, t));
    const weekly_budget = take('weekly_budget', readNumber(form.weekly_budget, { label: label('weekly_budget'), min: 0, max: 1_000_000, int: true, empty: null }, t));
    // A follow-up is its kind and its days together: days without a kind (or the reverse) is named at the empty one.
    const follow_up_days = take('follow_up_days', readNumber(form.follow_up_days, { label: label('follow_up_days'), min: 1, max: 365, int: true, empty: null }, t));
    const follow_up_kind = form.follow_up_kind === '' ? null : form.follow_up_kind;
    if (follow_up_kind !== null && follow_up_days === null && !errors.follow_up_days) errors.follow_up_days = t('catalogue.v.followUpDays', { field: label('follow_up_days') });
    if (follow_up_kind === null && follow_up_days !== null) errors.follow_up_kind = t('catalogue.v.followUpKind', { field: label('follow_up_kind') });
    if (form.channels.length === 0) errors.channels = t('catalogue.v.channels', { field: label('channels') });
    if (form.valid_from && form.valid_to && form.valid_to < form.valid_from) {
      errors.valid_to = t('catalogue.v.dates', { to: label('valid_to'), from: label('valid_from') });
    }
    const rules = checkRules(form.rules, t, columns);
    if (!rules.rules) errors.rules = t('catalogue.v.rules', { field: label('rules'), problem: rules.messages[0] ?? '' });
    // The porting rules forbid offers made only for customers porting out (core/offers/porting.ts; the backend refuses them too).
    const porting = rules.rules ? portingOnlyCondition(rules.rules) : null;
    if (porting) errors.rules = t('catalogue.v.rules', { field: label('rules'), problem: formatMessage(locale, porting.code, porting.params) });
    if (Object.keys(errors).length > 0) return { errors, rules, offer: null };
    const parsed = offerSchema.safeParse({
      code,
      name_zh,
      name_en,
      category: form.category,
      description,
      script,
      cost,
      channels: offerChannels.filter((c) => form.channels.includes(c)),
      valid_from: form.valid_from,
      valid_to: form.valid_to,
      rules: rules.rules,
      cooldown_days,
      weekly_budget,
      active: form.active,
      follow_up_kind,
      follow_up_days,
    });
    return { errors, rules, offer: schemaChecked(parsed, errors, label, t) };
  }, [form, isNew, taken, t, label, columns, locale]);

  const operatorsNamed = useMemo(() => otherOperatorsNamed(form.script), [form.script]);
  const shown = tried ? checked.errors : {};
  const save = () => {
    setTried(true);
    const o = checked.offer;
    if (!o) return;
    void run(async () => {
      const r = await apiSave('offer-save', { offer: o });
      onSaved(r.offer, r.created);
    });
  };

  const englishNameStale = !isNew && offer.name_en !== null && form.name_en.trim() === offer.name_en && form.name_zh.trim() !== offer.name_zh;
  const err = (k: Key) => shown[k];
  const help = (k: Key, hint?: string) => err(k) ?? hint ?? ' ';

  return (
    <PickersProvider>
      <Dialog open onClose={closeUnlessEdited(() => !busy && onClose())} fullWidth maxWidth="md" scroll="paper" aria-labelledby="offer-dialog-title" data-testid="offer-dialog">
        <DialogTitle id="offer-dialog-title">{isNew ? t('catalogue.offer.new') : t('catalogue.offer.edit', { code: offer.code })}</DialogTitle>
        <DialogContent dividers sx={{ display: 'grid', gap: 2 }}>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr auto', gap: 2, alignItems: 'start' }}>
            <TextField
              size="small"
              label={label('code')}
              value={form.code}
              onChange={(e) => set('code', e.target.value)}
              disabled={!isNew}
              required={isNew}
              autoFocus={isNew}
              error={!!err('code')}
              helperText={help('code', isNew ? t('catalogue.code.hint') : t('catalogue.code.fixed'))}
              slotProps={{ htmlInput: { maxLength: 40, 'data-testid': 'offer-code' } }}
            />
            <TextField select size="small" label={label('category')} value={form.category} onChange={(e) => set('category', e.target.value as OfferCategory)} helperText=" " data-testid="offer-category">
              {offerCategories.map((c) => (
                <MenuItem key={c} value={c}>
                  {categoryLabel(c)}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel
              sx={{ mt: 0.5 }}
              control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} slotProps={{ input: { 'data-testid': 'offer-active' } as object }} />}
              label={form.active ? t('catalogue.state.on') : t('catalogue.state.off')}
            />
          </Box>
          {!form.active && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: -1.5 }}>
              {t('catalogue.active.offerHint')}
            </Typography>
          )}
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
            <TextField
              size="small"
              label={label('name_zh')}
              value={form.name_zh}
              onChange={(e) => set('name_zh', e.target.value)}
              required
              autoFocus={!isNew}
              error={!!err('name_zh')}
              helperText={help('name_zh')}
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'offer-name-zh' } }}
            />
            <TextField
              size="small"
              label={label('name_en')}
              value={form.name_en}
              onChange={(e) => set('name_en', e.target.value)}
              error={!!err('name_en')}
              // The Chinese name changed and the English one not: English screens would go on with the old name (found by
              // a new supervisor who renamed 流量包月 20GB to 30GB). A word, not a refusal: the English name may still fit.
              helperText={err('name_en') ?? (englishNameStale ? t('catalogue.nameEn.stale') : t('catalogue.nameEn.hint'))}
              slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'offer-name-en' } }}
              sx={englishNameStale && !err('name_en') ? { '& .MuiFormHelperText-root': { color: 'warning.dark' } } : undefined}
            />
          </Box>
          <TextField
            size="small"
            multiline
            minRows={2}
            maxRows={6}
            label={label('description')}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            error={!!err('description')}
            helperText={help('description')}
            slotProps={{ htmlInput: { 'data-testid': 'offer-description' } }}
          />
          <TextField
            size="small"
            multiline
            minRows={4}
            maxRows={12}
            label={label('script')}
            value={form.script}
            onChange={(e) => set('script', e.target.value)}
            error={!!err('script')}
            helperText={
              err('script') || operatorsNamed.length === 0 ? (
                help('script', t('catalogue.script.hint'))
              ) : (
                // A warning, not a refusal: the supervisor decides (core/offers/porting.ts).
                <Box component="span" sx={{ color: '#8a5a00', fontWeight: 600 }} data-testid="offer-script-warning">
                  {formatMessage(locale, 'offer.script-names-operator', { names: operatorsNamed.join(locale === 'en' ? ', ' : '、') })}
                </Box>
              )
            }
            slotProps={{ htmlInput: { 'data-testid': 'offer-script' } }}
          />

          <Divider />
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 2, alignItems: 'start' }}>
            <TextField
              size="small"
              label={label('cost')}
              value={form.cost}
              onChange={(e) => set('cost', e.target.value)}
              error={!!err('cost')}
              helperText={help('cost', t('catalogue.cost.hint'))}
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'offer-cost' } }}
            />
            <TextField
              size="small"
              label={label('cooldown_days')}
              value={form.cooldown_days}
              onChange={(e) => set('cooldown_days', e.target.value)}
              required
              error={!!err('cooldown_days')}
              helperText={help('cooldown_days', t('catalogue.cooldown.hint'))}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'offer-cooldown' } }}
            />
            <TextField
              size="small"
              label={label('weekly_budget')}
              value={form.weekly_budget}
              onChange={(e) => set('weekly_budget', e.target.value)}
              placeholder={t('catalogue.budget.none')}
              error={!!err('weekly_budget')}
              helperText={help('weekly_budget', t('catalogue.budget.hint'))}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'offer-budget' }, inputLabel: { shrink: true } }}
            />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2, alignItems: 'start' }}>
            <FormControl component="fieldset" error={!!err('channels')} data-testid="offer-channels">
              <FormLabel component="legend" sx={{ typography: 'caption' }}>
                {label('channels')}
              </FormLabel>
              <FormGroup row>
                {offerChannels.map((c) => (
                  <FormControlLabel
                    key={c}
                    sx={{ mr: 1.5 }}
                    control={
                      <Checkbox
                        size="small"
                        checked={form.channels.includes(c)}
                        onChange={(e) => set('channels', e.target.checked ? [...form.channels, c] : form.channels.filter((x) => x !== c))}
                      />
                    }
                    label={labels.channel(c)}
                  />
                ))}
              </FormGroup>
              {err('channels') && <FormHelperText>{err('channels')}</FormHelperText>}
            </FormControl>
            <IsoDatePicker label={label('valid_from')} value={form.valid_from} onChange={(v) => set('valid_from', v)} helperText={t('catalogue.validity.hint')} testId="offer-valid-from" />
            <IsoDatePicker
              label={label('valid_to')}
              value={form.valid_to}
              onChange={(v) => set('valid_to', v)}
              helperText={err('valid_to') ? <Box component="span" sx={{ color: 'error.main' }}>{err('valid_to')}</Box> : t('catalogue.validity.hint')}
              testId="offer-valid-to"
            />
          </Box>

          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 2, alignItems: 'start' }}>
            <TextField
              select
              size="small"
              label={label('follow_up_kind')}
              value={form.follow_up_kind}
              onChange={(e) => set('follow_up_kind', e.target.value as FollowUpKind | '')}
              error={!!err('follow_up_kind')}
              helperText={help('follow_up_kind', t('catalogue.followUp.hint'))}
              data-testid="offer-follow-up-kind"
            >
              <MenuItem value="">{t('catalogue.followUp.none')}</MenuItem>
              {followUpKinds.map((k) => (
                <MenuItem key={k} value={k}>
                  {locale === 'en' ? followUpLabels[k].en : followUpLabels[k].zh}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              size="small"
              label={label('follow_up_days')}
              value={form.follow_up_days}
              onChange={(e) => set('follow_up_days', e.target.value)}
              error={!!err('follow_up_days')}
              helperText={help('follow_up_days', t('catalogue.followUpDays.hint'))}
              slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'offer-follow-up-days' } }}
            />
          </Box>

          <Divider />
          <RulesEditor state={form.rules} check={checked.rules} columns={columnList ?? []} onChange={(rules) => set('rules', rules)} showErrors={tried} />

          {!isNew && <OfferVersions code={offer.code} current={offer} onRestored={(o) => onSaved(o, false)} />}
          <FormProblems errors={checked.errors} tried={tried} testId="offer-problems" />
          {error != null && <ErrorAlert title={t('catalogue.save.failed')} error={error} testId="offer-save-error" />}
        </DialogContent>
        <DialogActions sx={{ alignItems: 'flex-end' }}>
          {/* In the footer, in view while the rules above are edited (at the foot of the form it was out of sight; found
              by a new supervisor). */}
          <Box sx={{ flex: 1, minWidth: 0, mr: 2 }}>
            <OfferReach offer={checked.offer} isNew={isNew} />
          </Box>
          <Button onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button variant="contained" onClick={save} disabled={busy} data-testid="offer-save">
            {t('catalogue.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </PickersProvider>
  );
}
