import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatMessage } from '../../../../core/i18n';
import { knownRuleTags, type OfferRules, type RuleOp } from '../../../../core/offers/catalogue';
import { derivedFieldKeys } from '../../../../core/rules/condition';
import { levelText } from '../../../../core/risk/messages';
import { riskLevels } from '../../../../core/segments/segment';
import { canonicalFields, listTypes, type ListType } from '../../../../core/worklist/fields';
import { useLabels, useLocale, useT, type TFunction } from '../../i18n';
import {
  draftFromJson,
  draftFromRules,
  isBoolField,
  isDaysOp,
  isListOp,
  needsValue,
  newCond,
  opsFor,
  rulesFromDraft,
  rulesToJson,
  stages,
  type CondKind,
  type DraftCond,
  type DraftRules,
  type RulesCheck,
  type Stage,
} from './rulesDraft';

/**
 * The rules of an offer (docs/product.md §5.1), edited as three lists of conditions — who is eligible, when it does
 * not apply, when it would be wrong to offer — or, for whoever prefers it or needs a shape the form does not
 * offer (an `any` inside an `any`), as the JSON the catalogue workbook carries.
 */

export interface RulesState {
  mode: 'form' | 'json';
  draft: DraftRules;
  json: string;
}

export const rulesState = (rules: OfferRules): RulesState => ({ mode: 'form', draft: draftFromRules(rules), json: rulesToJson(rules) });

/**
 * The rules the state stands for, or why it does not stand for any yet. `columns`: the extra columns the
 * workspace has (`extra-column-list`): a rule on another one is a warning, not a refusal.
 */
/** The levels a list of 规则等级 values names (as the draft keeps them: codes joined by 、). */
const splitLevels = (text: string): string[] => text.split(/[,，、\s]+/).filter((v) => (riskLevels as readonly string[]).includes(v));

export function checkRules(state: RulesState, t: TFunction, columns: ReadonlySet<string> | null = null): RulesCheck {
  if (state.mode === 'form') return rulesFromDraft(state.draft, t, columns);
  const read = draftFromJson(state.json, t);
  if (!read.ok) return { rules: null, byId: new Map(), messages: [read.message], warnings: [] };
  return rulesFromDraft(read.draft, t, columns);
}

/**
 * Fields a rule can test: what is known about the subscriber (not the number, name or identity itself), then
 * what the app computes about them (risk level, score, P(churn)).
 */
const ruleFields: string[] = [
  ...canonicalFields.filter((f) => f.scope === 'subscriber' && !['msisdn', 'name', 'id_no'].includes(f.key)).map((f) => f.key),
  ...derivedFieldKeys,
];

const opKey = {
  '>': 'catalogue.rules.op.gt',
  '>=': 'catalogue.rules.op.ge',
  '<': 'catalogue.rules.op.lt',
  '<=': 'catalogue.rules.op.le',
  '=': 'catalogue.rules.op.eq',
  '!=': 'catalogue.rules.op.ne',
  in: 'catalogue.rules.op.in',
  'not-in': 'catalogue.rules.op.notIn',
  present: 'catalogue.rules.op.present',
  empty: 'catalogue.rules.op.empty',
  'days-ago': 'catalogue.rules.op.daysAgo',
  'days-until': 'catalogue.rules.op.daysUntil',
} as const satisfies Record<RuleOp, string>;

const kindKey = {
  field: 'catalogue.rules.kind.field',
  column: 'catalogue.rules.kind.column',
  tag: 'catalogue.rules.kind.tag',
  list: 'catalogue.rules.kind.list',
  any: 'catalogue.rules.kind.any',
} as const satisfies Record<CondKind, string>;

function CondRow({
  cond,
  nested,
  error,
  errors,
  columns,
  onChange,
  onRemove,
}: {
  cond: DraftCond;
  nested: boolean;
  error: string | undefined;
  errors: ReadonlyMap<number, string>;
  columns: readonly string[];
  onChange(c: DraftCond): void;
  onRemove(): void;
}) {
  const t = useT();
  const labels = useLabels();
  const locale = useLocale();
  const set = (patch: Partial<DraftCond>) => onChange({ ...cond, ...patch });
  const fields = ruleFields.includes(cond.field) ? ruleFields : [cond.field, ...ruleFields];
  const allowedOps = opsFor(cond.kind === 'column' ? null : cond.field);
  const ops = allowedOps.includes(cond.op) ? allowedOps : [cond.op, ...allowedOps];
  const fieldLabel = (key: string) => ((derivedFieldKeys as readonly string[]).includes(key) ? formatMessage(locale, `rule.field.${key}`) : labels.field(key));
  const tags: string[] = (knownRuleTags as readonly string[]).includes(cond.tag) ? [...knownRuleTags] : [cond.tag, ...knownRuleTags];
  const tagLabel = (tag: string) => {
    const key = `offer.cond.tag.${tag}`;
    const text = formatMessage(locale, key);
    return text === key ? tag : text;
  };
  // An `any` inside an `any` can be written in JSON; the form keeps one level, which is all the catalogue uses.
  const kinds: CondKind[] = nested ? ['field', 'column', 'tag', 'list'] : ['field', 'column', 'tag', 'list', 'any'];
  const small = { size: 'small' as const };

  const changeKind = (kind: CondKind) => {
    if (kind === cond.kind) return;
    const fresh = newCond(kind);
    set({ kind, op: kind === 'column' ? fresh.op : cond.op, children: kind === 'any' ? (cond.children.length ? cond.children : fresh.children) : cond.children });
  };
  const changeField = (field: string) => {
    const allowed = opsFor(field);
    set({ field, op: allowed.includes(cond.op) ? cond.op : allowed[0]!, value: isBoolField(field) ? '1' : cond.value });
  };

  return (
    <Box data-testid="rule-condition" data-kind={cond.kind} sx={{ display: 'grid', gap: 0.5 }}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField
          select
          {...small}
          label={t('catalogue.rules.kindLabel')}
          value={cond.kind}
          onChange={(e) => changeKind(e.target.value as CondKind)}
          sx={{ width: 132, flexShrink: 0 }}
        >
          {kinds.map((k) => (
            <MenuItem key={k} value={k}>
              {t(kindKey[k])}
            </MenuItem>
          ))}
        </TextField>

        {cond.kind === 'field' && (
          <>
            <TextField
              select
              {...small}
              label={t('catalogue.rules.field')}
              value={cond.field}
              onChange={(e) => changeField(e.target.value)}
              sx={{ width: 200, flexShrink: 0 }}
              slotProps={{ select: { MenuProps: { slotProps: { paper: { sx: { maxHeight: 380 } } } } }, htmlInput: { 'data-testid': 'rule-field' } }}
            >
              {fields.map((f) => (
                <MenuItem key={f} value={f}>
                  {fieldLabel(f)}
                </MenuItem>
              ))}
            </TextField>
          </>
        )}

        {cond.kind === 'column' && (
          <Autocomplete
            freeSolo
            size="small"
            options={[...columns]}
            value={cond.column}
            onInputChange={(_, v) => set({ column: v })}
            sx={{ width: 200, flexShrink: 0 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('catalogue.rules.column')}
                title={t('catalogue.rules.columnHint')}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'rule-column' } }}
              />
            )}
          />
        )}

        {(cond.kind === 'field' || cond.kind === 'column') && (
          <>
            <TextField
              select
              {...small}
              label={t('catalogue.rules.op')}
              value={cond.op}
              onChange={(e) => set({ op: e.target.value as RuleOp })}
              sx={{ width: 150, flexShrink: 0 }}
              slotProps={{ htmlInput: { 'data-testid': 'rule-op' } }}
            >
              {ops.map((op) => (
                <MenuItem key={op} value={op}>
                  {t(opKey[op])}
                </MenuItem>
              ))}
            </TextField>
            {needsValue(cond.op) &&
              (cond.kind === 'field' && cond.field === 'risk_level' ? (
                // The levels by their words: typed, only the codes (high) matched, and 高危 or 稳定 — the words every other
                // screen shows — silently matched nobody (found by a new supervisor).
                <TextField
                  select
                  {...small}
                  label={t('catalogue.rules.value')}
                  value={isListOp(cond.op) ? splitLevels(cond.value) : riskLevels.includes(cond.value as (typeof riskLevels)[number]) ? cond.value : ''}
                  onChange={(e) => set({ value: Array.isArray(e.target.value) ? (e.target.value as string[]).join('、') : e.target.value })}
                  error={error !== undefined}
                  sx={{ flex: 1, minWidth: 120 }}
                  slotProps={{
                    select: { multiple: isListOp(cond.op), renderValue: (v) => (Array.isArray(v) ? v : [v]).map((l) => levelText(locale, l as (typeof riskLevels)[number])).join('、') },
                    htmlInput: { 'data-testid': 'rule-level-value' },
                  }}
                >
                  {riskLevels.map((l) => (
                    <MenuItem key={l} value={l}>
                      {levelText(locale, l)}
                    </MenuItem>
                  ))}
                </TextField>
              ) : cond.kind === 'field' && isBoolField(cond.field) && !isListOp(cond.op) ? (
                <TextField select {...small} label={t('catalogue.rules.value')} value={cond.value === '0' ? '0' : '1'} onChange={(e) => set({ value: e.target.value })} sx={{ width: 100 }}>
                  <MenuItem value="1">{t('common.yes')}</MenuItem>
                  <MenuItem value="0">{t('common.no')}</MenuItem>
                </TextField>
              ) : (
                <TextField
                  {...small}
                  label={t('catalogue.rules.value')}
                  value={cond.value}
                  onChange={(e) => set({ value: e.target.value })}
                  placeholder={isListOp(cond.op) ? t('catalogue.rules.valuesHint') : isDaysOp(cond.op) ? t('catalogue.rules.rangeHint') : undefined}
                  error={error !== undefined}
                  sx={{ flex: 1, minWidth: 120 }}
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'rule-value' } }}
                />
              ))}
          </>
        )}

        {cond.kind === 'tag' && (
          <>
            <TextField select {...small} label={t('catalogue.rules.tag')} value={cond.tag} onChange={(e) => set({ tag: e.target.value })} sx={{ width: 200, flexShrink: 0 }}>
              {tags.map((tag) => (
                <MenuItem key={tag} value={tag}>
                  {tagLabel(tag)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              {...small}
              label={t('catalogue.rules.tagWhen')}
              value={cond.present ? 'has' : 'not'}
              onChange={(e) => set({ present: e.target.value === 'has' })}
              sx={{ width: 150, flexShrink: 0 }}
            >
              <MenuItem value="has">{t('catalogue.rules.tagHas')}</MenuItem>
              <MenuItem value="not">{t('catalogue.rules.tagHasNot')}</MenuItem>
            </TextField>
          </>
        )}

        {cond.kind === 'list' && (
          <TextField select {...small} label={t('catalogue.rules.list')} value={cond.list} onChange={(e) => set({ list: e.target.value as ListType })} sx={{ width: 200, flexShrink: 0 }}>
            {listTypes.map((lt) => (
              <MenuItem key={lt} value={lt}>
                {labels.listType(lt)}
              </MenuItem>
            ))}
          </TextField>
        )}

        {cond.kind === 'any' && (
          <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center', flex: 1 }}>
            {t('catalogue.rules.anyHint')}
          </Typography>
        )}

        <Box sx={{ flex: ((cond.kind === 'field' || cond.kind === 'column') && needsValue(cond.op)) || cond.kind === 'any' ? 0 : 1 }} />
        <Tooltip title={t('catalogue.rules.remove')}>
          <IconButton onClick={onRemove} aria-label={t('catalogue.rules.remove')} size="small" sx={{ mt: 0.5 }}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {error !== undefined && (
        <Typography variant="caption" color="error" role="alert" sx={{ pl: 1 }} data-testid="rule-error">
          {error}
        </Typography>
      )}
      {cond.kind === 'any' && (
        <Box sx={{ ml: 2, pl: 2, borderLeft: 3, borderColor: 'divider', display: 'grid', gap: 1, py: 0.5 }}>
          <CondList
            items={cond.children}
            nested
            errors={errors}
            columns={columns}
            onChange={(children) => set({ children })}
            addLabel={t('catalogue.rules.addAlternative')}
          />
        </Box>
      )}
    </Box>
  );
}

function CondList({
  items,
  nested,
  errors,
  columns,
  onChange,
  addLabel,
}: {
  items: DraftCond[];
  nested: boolean;
  errors: ReadonlyMap<number, string>;
  columns: readonly string[];
  onChange(items: DraftCond[]): void;
  addLabel: string;
}) {
  return (
    <>
      {items.map((c, i) => (
        <CondRow
          key={c.id}
          cond={c}
          nested={nested}
          error={errors.get(c.id)}
          errors={errors}
          columns={columns}
          onChange={(next) => onChange(items.map((x, j) => (j === i ? next : x)))}
          onRemove={() => onChange(items.filter((_, j) => j !== i))}
        />
      ))}
      <Box>
        <Button size="small" startIcon={<AddIcon />} onClick={() => onChange([...items, newCond('field')])}>
          {addLabel}
        </Button>
      </Box>
    </>
  );
}

/** One example per kind of condition: the same in every language (it is what the file holds). */
const jsonExamples = [
  '{"field": "arpu_avg3", "op": ">=", "value": 120}',
  '{"column": "有车一族", "op": "=", "value": true}  {"field": "contract_end", "op": "days-until", "value": [0, 60]}',
  '{"tag": "dual_sim"}  {"tag": "family", "present": false}',
  '{"list": "contract_expiring"}',
  '{"any": [ …conditions ]}',
];

const stageHint = {
  eligible: 'catalogue.rules.hint.eligible',
  notIf: 'catalogue.rules.hint.notIf',
  unsuitableIf: 'catalogue.rules.hint.unsuitableIf',
} as const satisfies Record<Stage, string>;

/**
 * `check` is `checkRules(state)`, which the dialog has already worked out for its own verdict; `columns` are the
 * workspace's extra columns, offered for a column condition.
 */
export function RulesEditor({
  state,
  check,
  columns,
  onChange,
  showErrors,
  onlyStage,
}: {
  state: RulesState;
  check: RulesCheck;
  columns: readonly string[];
  onChange(s: RulesState): void;
  showErrors: boolean;
  /** One list of conditions, all to hold, in the form alone: a segment's (`{ all: [...] }`, SegmentDialog). */
  onlyStage?: Stage;
}) {
  const t = useT();
  const [blocked, setBlocked] = useState<string | null>(null);
  const rowErrors = showErrors ? check.byId : new Map<number, string>();

  const switchMode = (mode: 'form' | 'json') => {
    if (mode === state.mode) return;
    if (mode === 'json') {
      // In form mode `check` is already the draft read into rules.
      if (!check.rules) return setBlocked(check.messages[0] ?? t('catalogue.rules.switchBlocked'));
      setBlocked(null);
      return onChange({ ...state, mode, json: rulesToJson(check.rules) });
    }
    const read = draftFromJson(state.json, t);
    if (!read.ok) return setBlocked(read.message);
    setBlocked(null);
    onChange({ ...state, mode, draft: read.draft });
  };

  const jsonProblem = state.mode === 'json' ? (check.messages[0] ?? null) : null;

  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="rules-editor" data-mode={state.mode}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
        <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>
          {onlyStage ? t('segment.conditionsTitle') : t('catalogue.f.rules')}
        </Typography>
        {!onlyStage && (
          <ToggleButtonGroup size="small" exclusive value={state.mode} onChange={(_, v: 'form' | 'json' | null) => v && switchMode(v)} aria-label={t('catalogue.rules.mode')}>
            <ToggleButton value="form" data-testid="rules-mode-form">
              {t('catalogue.rules.mode.form')}
            </ToggleButton>
            <ToggleButton value="json" data-testid="rules-mode-json">
              {t('catalogue.rules.mode.json')}
            </ToggleButton>
          </ToggleButtonGroup>
        )}
      </Box>
      {blocked && (
        <Alert severity="warning" onClose={() => setBlocked(null)}>
          {t('catalogue.rules.switchBlocked')} {blocked}
        </Alert>
      )}

      {check.warnings.length > 0 && (
        <Alert severity="warning" data-testid="rules-warnings">
          {t('catalogue.rules.warnings')}
          {check.warnings.map((w) => (
            <Box key={w}>{w}</Box>
          ))}
        </Alert>
      )}

      {state.mode === 'form' ? (
        (onlyStage ? [onlyStage] : stages).map((stage) => (
          <Box
            key={stage}
            component="fieldset"
            data-testid={`rules-stage-${stage}`}
            sx={{ m: 0, border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5, pt: 0.5, pb: 1, display: 'grid', gap: 1 }}
          >
            <Box component="legend" sx={{ px: 0.5, typography: 'body2', fontWeight: 600 }}>
              {onlyStage ? t('segment.conditionsLegend') : t(`catalogue.rules.stage.${stage}`)}
            </Box>
            <Typography variant="caption" color="text.secondary" sx={{ mt: -0.5 }}>
              {onlyStage ? t('segment.conditionsHint') : t(stageHint[stage])}
            </Typography>
            <CondList
              items={state.draft[stage]}
              nested={false}
              errors={rowErrors}
              columns={columns}
              onChange={(items) => onChange({ ...state, draft: { ...state.draft, [stage]: items } })}
              addLabel={t('catalogue.rules.add')}
            />
          </Box>
        ))
      ) : (
        <>
          <TextField
            multiline
            minRows={8}
            maxRows={20}
            value={state.json}
            onChange={(e) => onChange({ ...state, json: e.target.value })}
            error={jsonProblem !== null}
            helperText={
              jsonProblem ?? (
                <>
                  {t('catalogue.rules.jsonHint')}
                  {jsonExamples.map((ex) => (
                    <Box key={ex} component="code" sx={{ display: 'block', fontSize: '0.75rem' }}>
                      {ex}
                    </Box>
                  ))}
                </>
              )
            }
            placeholder='{ "eligible": [ { "field": "arpu_avg3", "op": ">=", "value": 120 } ] }'
            aria-label={t('catalogue.f.rules')}
            slotProps={{ htmlInput: { spellCheck: false, 'data-testid': 'rules-json' }, formHelperText: { sx: { whiteSpace: 'pre-line' } } as object }}
            sx={{ '& textarea': { fontFamily: 'monospace', fontSize: '0.8125rem' } }}
          />
          <Box>
            <Button size="small" disabled={check.rules === null} onClick={() => check.rules && onChange({ ...state, json: rulesToJson(check.rules) })}>
              {t('catalogue.rules.format')}
            </Button>
          </Box>
        </>
      )}
    </Box>
  );
}
