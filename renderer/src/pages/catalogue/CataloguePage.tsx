import AddIcon from '@mui/icons-material/Add';
import DescriptionIcon from '@mui/icons-material/Description';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import LocalOfferIcon from '@mui/icons-material/LocalOffer';
import SearchIcon from '@mui/icons-material/Search';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import InputAdornment from '@mui/material/InputAdornment';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Switch from '@mui/material/Switch';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import type { Offer, Plan } from '../../../../core/offers/catalogue';
import { useApi } from '../../api/ApiContext';
import { useApiQuery, useApiSave, useQueryClient } from '../../api/query';
import { saveDownload } from '../../api/files';
import { describeError } from '../../app/errors';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat, type Formatter } from '../../format';
import { useLabels, useLocale, useT, type PlainMessageKey, type TFunction } from '../../i18n';
import { CatalogueImportDialog } from './CatalogueImportDialog';
import { matches, offerName, useCategoryLabel, type CatalogueKind } from './catalogueWords';
import { OfferDialog } from './OfferDialog';
import { PlanDialog } from './PlanDialog';

const cell = { px: 1.25 } as const;
/** Inactive offers and plans stay listed (history and outcome files refer to them) but step back visually. */
const inactiveSx = { opacity: 0.5, bgcolor: 'action.hover' } as const;

interface Column {
  label: PlainMessageKey;
  /** A second line under the header (what the figures separated by "/" are). */
  sub?: PlainMessageKey;
  width?: number;
  align?: 'right';
}

function HeaderRow({ columns }: { columns: readonly Column[] }) {
  const t = useT();
  return (
    <TableRow>
      {columns.map((c) => (
        <TableCell key={c.label} align={c.align} sx={{ ...cell, width: c.width, lineHeight: 1.3, verticalAlign: 'bottom', whiteSpace: 'normal' }}>
          {t(c.label)}
          {c.sub && (
            <Typography component="div" variant="caption" color="text.secondary" sx={{ lineHeight: 1.3 }}>
              {t(c.sub)}
            </Typography>
          )}
        </TableCell>
      ))}
    </TableRow>
  );
}

/** The switch that takes an offer or plan out of use (or back) without opening it. */
function ActiveSwitch({ active, name, busy, onToggle, testId }: { active: boolean; name: string; busy: boolean; onToggle(): void; testId: string }) {
  const t = useT();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.25, whiteSpace: 'nowrap' }}>
      <Tooltip title={t(active ? 'catalogue.deactivate' : 'catalogue.activate')}>
        <Switch
          size="small"
          checked={active}
          disabled={busy}
          onChange={onToggle}
          slotProps={{ input: { 'aria-label': t(active ? 'catalogue.deactivate.label' : 'catalogue.activate.label', { name }), 'data-testid': testId } as object }}
        />
      </Tooltip>
      <Typography variant="body2" component="span" color={active ? 'success.dark' : 'text.secondary'} data-testid="state-label">
        {t(active ? 'catalogue.state.on' : 'catalogue.state.off')}
      </Typography>
    </Box>
  );
}

function validityOf(o: Offer, today: string, t: TFunction, fmt: Formatter): { text: string; flag: string | null } {
  const from = o.valid_from ? fmt.date(o.valid_from) : null;
  const to = o.valid_to ? fmt.date(o.valid_to) : null;
  const text = from && to ? t('catalogue.validity.range', { from, to }) : from ? t('catalogue.validity.from', { from }) : to ? t('catalogue.validity.to', { to }) : t('catalogue.validity.always');
  // Calendar dates are local days (YYYY-MM-DD): compared as text with today's local date.
  const flag = o.valid_to && o.valid_to < today ? t('catalogue.validity.ended') : o.valid_from && o.valid_from > today ? t('catalogue.validity.notYet') : null;
  return { text, flag };
}

const offerColumns: readonly Column[] = [
  { label: 'catalogue.col.code', width: 150 },
  { label: 'catalogue.col.name' },
  { label: 'catalogue.col.category', width: 76 },
  { label: 'catalogue.col.cost', width: 92, align: 'right' },
  { label: 'catalogue.col.channels', width: 144 },
  { label: 'catalogue.col.validity', width: 128 },
  { label: 'catalogue.col.cooldown', width: 80, align: 'right' },
  { label: 'catalogue.col.budget', width: 84, align: 'right' },
  { label: 'catalogue.col.state', width: 104 },
  { label: 'catalogue.col.actions', width: 72 },
];

function OffersTable({ offers, busyCode, onEdit, onToggle }: { offers: readonly Offer[]; busyCode: string | null; onEdit(o: Offer): void; onToggle(o: Offer): void }) {
  const t = useT();
  const fmt = useFormat();
  const locale = useLocale();
  const labels = useLabels();
  const category = useCategoryLabel();
  const today = dayjs().format('YYYY-MM-DD');
  const sep = t('common.listSeparator');
  return (
    <Table stickyHeader size="small" aria-label={t('catalogue.tab.offers')} sx={{ tableLayout: 'fixed', minWidth: 1060 }} data-testid="offers-table">
      <TableHead>
        <HeaderRow columns={offerColumns} />
      </TableHead>
      <TableBody>
        {offers.map((o) => {
          const name = offerName(o, locale);
          const other = locale === 'en' && o.name_en ? o.name_zh : o.name_en;
          const validity = validityOf(o, today, t, fmt);
          return (
            <TableRow key={o.code} hover data-testid="offer-row" data-code={o.code} data-active={o.active} sx={o.active ? undefined : inactiveSx}>
              <TableCell sx={{ ...cell, fontFamily: 'monospace', fontSize: '0.8125rem', wordBreak: 'break-all' }}>{o.code}</TableCell>
              <TableCell sx={cell}>
                <Box sx={{ fontWeight: 500 }} data-testid="row-name">
                  {name}
                </Box>
                {other && (
                  <Typography variant="caption" color="text.secondary" component="div" sx={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={other}>
                    {other}
                  </Typography>
                )}
              </TableCell>
              <TableCell sx={cell}>{category(o.category)}</TableCell>
              <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right" data-testid="row-cost" data-value={o.cost}>
                {fmt.yuan(o.cost)}
              </TableCell>
              <TableCell sx={cell}>{o.channels.map((c) => labels.channel(c)).join(sep)}</TableCell>
              <TableCell sx={cell} data-testid="offer-validity">
                {validity.text}
                {validity.flag && <Chip size="small" color="warning" variant="outlined" label={validity.flag} sx={{ ml: 0.5, height: 20 }} />}
              </TableCell>
              <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                {fmt.days(o.cooldown_days)}
              </TableCell>
              <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
                {o.weekly_budget === null ? <Box component="span" sx={{ color: 'text.secondary' }}>{t('catalogue.budget.none')}</Box> : t('catalogue.budget.count', { n: fmt.count(o.weekly_budget) })}
              </TableCell>
              <TableCell sx={{ ...cell, opacity: 1 }}>
                <ActiveSwitch active={o.active} name={name} busy={busyCode === o.code} onToggle={() => onToggle(o)} testId="offer-active-toggle" />
              </TableCell>
              <TableCell sx={{ px: 0.5 }}>
                <Button size="small" onClick={() => onEdit(o)} aria-label={t('catalogue.edit.label', { name })} data-testid="offer-edit">
                  {t('catalogue.edit')}
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

const planColumns: readonly Column[] = [
  { label: 'catalogue.col.code', width: 100 },
  { label: 'catalogue.col.name' },
  { label: 'catalogue.col.fee', width: 96, align: 'right' },
  { label: 'catalogue.col.inclMinutes', sub: 'catalogue.col.threeWays', width: 172, align: 'right' },
  { label: 'catalogue.col.inclData', width: 100, align: 'right' },
  { label: 'catalogue.col.overMinutes', sub: 'catalogue.col.threeWays', width: 172, align: 'right' },
  { label: 'catalogue.col.overData', width: 110, align: 'right' },
  { label: 'catalogue.col.state', width: 104 },
  { label: 'catalogue.col.actions', width: 72 },
];

function PlansTable({ plans, busyCode, onEdit, onToggle }: { plans: readonly Plan[]; busyCode: string | null; onEdit(p: Plan): void; onToggle(p: Plan): void }) {
  const t = useT();
  const fmt = useFormat();
  const minutes = (a: number, b: number, c: number) => [a, b, c].map((n) => fmt.count(n)).join(' / ');
  // Prices per minute in yuan, two decimals so the column lines up (0.10 / 0.19 / 0.99).
  const prices = (a: number, b: number, c: number) => [a, b, c].map((n) => fmt.money(n)).join(' / ');
  // Plans are sold in GB; a whole number of GB reads better than 30,720 MB.
  const data = (mb: number) => (mb >= 1024 ? t('catalogue.unit.gb', { value: fmt.number(mb / 1024, 2) }) : fmt.mb(mb));
  return (
    <Table stickyHeader size="small" aria-label={t('catalogue.tab.plans')} sx={{ tableLayout: 'fixed', minWidth: 1060 }} data-testid="plans-table">
      <TableHead>
        <HeaderRow columns={planColumns} />
      </TableHead>
      <TableBody>
        {plans.map((p) => (
          <TableRow key={p.code} hover data-testid="plan-row" data-code={p.code} data-active={p.active} sx={p.active ? undefined : inactiveSx}>
            <TableCell sx={{ ...cell, fontFamily: 'monospace', fontSize: '0.8125rem', wordBreak: 'break-all' }}>{p.code}</TableCell>
            <TableCell sx={{ ...cell, fontWeight: 500 }} data-testid="row-name">
              {p.name}
            </TableCell>
            <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right" data-testid="row-fee" data-value={p.monthly_fee}>
              {fmt.yuan(p.monthly_fee)}
            </TableCell>
            <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
              {minutes(p.incl_local_min, p.incl_ld_min, p.incl_roaming_min)}
            </TableCell>
            <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
              {data(p.incl_data_mb)}
            </TableCell>
            <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
              {prices(p.price_local_min, p.price_ld_min, p.price_roaming_min)}
            </TableCell>
            <TableCell sx={{ ...cell, whiteSpace: 'nowrap' }} align="right">
              {t('catalogue.unit.perMb', { value: fmt.number(p.price_data_mb, 4) })}
            </TableCell>
            <TableCell sx={cell}>
              <ActiveSwitch active={p.active} name={p.name} busy={busyCode === p.code} onToggle={() => onToggle(p)} testId="plan-active-toggle" />
            </TableCell>
            <TableCell sx={{ px: 0.5 }}>
              <Button size="small" onClick={() => onEdit(p)} aria-label={t('catalogue.edit.label', { name: p.name })} data-testid="plan-edit">
                {t('catalogue.edit')}
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function TabLabel({ text, count }: { text: string; count: number | null }) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 1 }}>
      {text}
      {count !== null && <Chip size="small" label={count} sx={{ height: 20, '& .MuiChip-label': { px: 0.75 } }} />}
    </Box>
  );
}

/**
 * The supervisors' offers and tariff plans (docs/product.md §3.2, §5.3, §5.4): both catalogues listed with every field
 * that matters for matching and the tariff preview, edited one by one, switched off and on, and exchanged with
 * the central side as workbooks (import with a check, export, blank template).
 */
export function CataloguePage() {
  const t = useT();
  const api = useApi();
  const apiSave = useApiSave();
  const locale = useLocale();
  const [tab, setTab] = useState<CatalogueKind>('offers');
  const [query, setQuery] = useState('');
  const offersQuery = useApiQuery('offer-list', {});
  const plansQuery = useApiQuery('plan-list', {});
  const offers = offersQuery.data ?? null;
  const plans = plansQuery.data ?? null;
  const loading = offersQuery.isFetching || plansQuery.isFetching;
  const error = offersQuery.error ?? plansQuery.error;
  const load = () => {
    void offersQuery.refetch();
    void plansQuery.refetch();
  };
  // A saved row shows at once (the save stales the list, which then refetches to confirm it).
  const queryClient = useQueryClient();
  const setOffers = (update: (list: Offer[] | null) => Offer[]) => queryClient.setQueryData<Offer[]>(['offer-list', {}], (l) => update(l ?? null));
  const setPlans = (update: (list: Plan[] | null) => Plan[]) => queryClient.setQueryData<Plan[]>(['plan-list', {}], (l) => update(l ?? null));
  const [editingOffer, setEditingOffer] = useState<Offer | 'new' | null>(null);
  const [editingPlan, setEditingPlan] = useState<Plan | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [busyCode, setBusyCode] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const shownOffers = useMemo(() => (offers ?? []).filter((o) => matches(query, o.code, o.name_zh, o.name_en)), [offers, query]);
  const shownPlans = useMemo(() => (plans ?? []).filter((p) => matches(query, p.code, p.name)), [plans, query]);
  const takenOffers = useMemo(() => new Map((offers ?? []).map((o) => [o.code.toUpperCase(), o.name_zh])), [offers]);
  const takenPlans = useMemo(() => new Map((plans ?? []).map((p) => [p.code.toUpperCase(), p.name])), [plans]);

  /** Switches an offer or plan on or off from its row; the list keeps its place, the message names it. */
  const toggle = <T extends Offer | Plan>(item: T, save: (changed: T) => Promise<T>, setList: (update: (list: T[] | null) => T[]) => void, name: (x: T) => string) => {
    setBusyCode(item.code);
    save({ ...item, active: !item.active })
      .then((saved) => {
        setList((list) => (list ?? []).map((x) => (x.code === saved.code ? saved : x)));
        setMessage(t(saved.active ? 'catalogue.toggled.on' : 'catalogue.toggled.off', { name: name(saved) }));
      })
      .catch((e: unknown) => setMessage(t('catalogue.save.failedWith', { message: describeError(e, t) })))
      .finally(() => setBusyCode(null));
  };
  const toggleOffer = (o: Offer) => toggle(o, async (offer) => (await apiSave('offer-save', { offer })).offer, setOffers, (x) => offerName(x, locale));
  const togglePlan = (p: Plan) => toggle(p, async (plan) => (await apiSave('plan-save', { plan })).plan, setPlans, (x) => x.name);
  /** A saved offer or plan takes its place in the list, kept in code order. */
  const putSaved = <T extends Offer | Plan>(setList: (update: (list: T[] | null) => T[]) => void, item: T, created: boolean, name: string) => {
    setList((list) => [...(list ?? []).filter((x) => x.code !== item.code), item].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
    setMessage(t(created ? 'catalogue.saved.created' : 'catalogue.saved.updated', { name }));
  };

  const download = (op: 'catalogue-export' | 'template-export') => {
    const staged = op === 'catalogue-export' ? api.call('catalogue-export', { kind: tab, locale }) : api.call('template-export', { kind: tab, locale });
    staged
      .then(async (file) => {
        if (await saveDownload(api, file)) setMessage(t('templates.saved', { name: file.name }));
      })
      .catch((e: unknown) => setMessage(t('catalogue.download.failed', { message: describeError(e, t) })));
  };

  const total = tab === 'offers' ? (offers?.length ?? 0) : (plans?.length ?? 0);
  const shown = tab === 'offers' ? shownOffers.length : shownPlans.length;
  const loaded = tab === 'offers' ? offers !== null : plans !== null;
  let empty: ReactNode = null;
  if (loaded && shown === 0) {
    empty =
      total === 0 ? (
        <EmptyState
          icon={<LocalOfferIcon />}
          title={t(tab === 'offers' ? 'catalogue.empty.offers' : 'catalogue.empty.plans')}
          body={t('catalogue.empty.body')}
          action={
            <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => setImporting(true)}>
              {t('catalogue.import')}
            </Button>
          }
        />
      ) : (
        <EmptyState icon={<SearchIcon />} title={t('catalogue.noMatch', { query: query.trim() })} />
      );
  }

  return (
    <Box sx={{ p: 3, pb: 2, display: 'flex', flexDirection: 'column', gap: 1.5, flex: 1, minHeight: 0 }} data-testid="catalogue-page">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2" sx={{ mr: 1 }}>
          {t('catalogue.title')}
        </Typography>
        <TextField
          size="small"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('catalogue.search')}
          sx={{ width: 240, bgcolor: 'background.paper' }}
          slotProps={{
            htmlInput: { 'aria-label': t('catalogue.search'), 'data-testid': 'catalogue-search' },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <Box sx={{ flex: 1 }} />
        <Button startIcon={<DescriptionIcon />} onClick={() => download('template-export')} data-testid="catalogue-template">
          {t('catalogue.template')}
        </Button>
        <Button startIcon={<FileDownloadIcon />} onClick={() => download('catalogue-export')} data-testid="catalogue-export">
          {t('catalogue.export')}
        </Button>
        <Button startIcon={<UploadFileIcon />} onClick={() => setImporting(true)} data-testid="catalogue-import">
          {t('catalogue.import')}
        </Button>
        <Button variant="contained" startIcon={<AddIcon />} onClick={() => (tab === 'offers' ? setEditingOffer('new') : setEditingPlan('new'))} data-testid="catalogue-new">
          {t(tab === 'offers' ? 'catalogue.new.offer' : 'catalogue.new.plan')}
        </Button>
      </Box>

      {error != null && <ErrorAlert title={t('catalogue.error.load')} error={error} onRetry={load} />}

      <Paper variant="outlined" sx={{ flex: 1, minHeight: 240, display: 'flex', flexDirection: 'column', overflow: 'hidden' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', borderBottom: 1, borderColor: 'divider', pr: 2 }}>
          <Tabs value={tab} onChange={(_, v: CatalogueKind) => setTab(v)} aria-label={t('catalogue.title')} sx={{ flex: 1 }}>
            <Tab value="offers" label={<TabLabel text={t('catalogue.tab.offers')} count={offers?.length ?? null} />} data-testid="tab-offers" />
            <Tab value="plans" label={<TabLabel text={t('catalogue.tab.plans')} count={plans?.length ?? null} />} data-testid="tab-plans" />
          </Tabs>
          {loaded && query.trim() !== '' && (
            <Typography variant="body2" color="text.secondary" data-testid="catalogue-shown">
              {t('catalogue.shown', { shown, total })}
            </Typography>
          )}
        </Box>
        <Box sx={{ height: 4 }}>{loading && <LinearProgress aria-label={t('common.loading')} />}</Box>
        <TableContainer sx={{ flex: 1 }} aria-busy={loading}>
          {tab === 'offers' ? (
            <OffersTable offers={shownOffers} busyCode={busyCode} onEdit={setEditingOffer} onToggle={toggleOffer} />
          ) : (
            <PlansTable plans={shownPlans} busyCode={busyCode} onEdit={setEditingPlan} onToggle={togglePlan} />
          )}
          {empty}
        </TableContainer>
      </Paper>

      {editingOffer && (
        <OfferDialog
          offer={editingOffer === 'new' ? null : editingOffer}
          taken={takenOffers}
          onClose={() => setEditingOffer(null)}
          onSaved={(o, created) => {
            setEditingOffer(null);
            putSaved(setOffers, o, created, offerName(o, locale));
          }}
        />
      )}
      {editingPlan && (
        <PlanDialog
          plan={editingPlan === 'new' ? null : editingPlan}
          taken={takenPlans}
          onClose={() => setEditingPlan(null)}
          onSaved={(p, created) => {
            setEditingPlan(null);
            putSaved(setPlans, p, created, p.name);
          }}
        />
      )}
      {importing && <CatalogueImportDialog kind={tab} onClose={() => setImporting(false)} onImported={load} onTemplate={() => download('template-export')} />}
      <Snackbar open={message !== null} autoHideDuration={4000} onClose={() => setMessage(null)} message={message ?? ''} />
    </Box>
  );
}
