import CloseIcon from '@mui/icons-material/Close';
import Box from '@mui/material/Box';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { type ReactNode } from 'react';
import type { OperationOutput, SubscriberView } from '../../../../core/api';
import { useApiQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ListTypeChip } from '../../components/ListTypeChip';
import { RiskLevelChip } from '../../components/RiskLevelChip';
import { useFormat } from '../../format';
import { useLabels, useT, type PlainMessageKey } from '../../i18n';
import { fieldValue } from './cardModel';
import type { FoundCustomer } from './hallStore';
import { useOfferName, usePlanName } from './offerCatalogue';
import { useFieldText } from './fieldText';

type History = OperationOutput<'customer-history'>;

const num = (customer: SubscriberView, key: string): number | null => {
  const v = fieldValue(customer, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Profile fields a supervisor or agent wants at a glance before a long conversation. */
const profileKeys = ['brand', 'plan_name', 'tier', 'tenure_months', 'region_type', 'hall', 'manager', 'contract_type', 'contract_end', 'handset_model', 'family_members', 'balance'];

function Panel({ title, children, testId }: { title: PlainMessageKey; children: ReactNode; testId: string }) {
  const t = useT();
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={testId}>
      <Typography variant="subtitle2" component="h3" sx={{ color: 'primary.dark', mb: 0.5 }}>
        {t(title)}
      </Typography>
      {children}
    </Paper>
  );
}

/** ARPU by month (the file gives three months and the current one) as a line; calls and data as average vs now. */
function Trends({ customer }: { customer: SubscriberView }) {
  const t = useT();
  const months = [t('card.usage.col.m1'), t('card.usage.col.m2'), t('card.usage.col.m3'), t('card.usage.col.cur')];
  const arpu = ['arpu_m1', 'arpu_m2', 'arpu_m3', 'arpu_cur'].map((k) => num(customer, k));
  const pair = [t('card.usage.col.avg3'), t('card.usage.col.cur')];
  // Room on the right for the last month's label under the line ('Current' was cut to 'Curr…').
  const chart = { height: 180, margin: { right: 36 } };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: 1.5 }}>
      <Panel title="card.usage.row.arpu" testId="trend-arpu">
        <LineChart {...chart} xAxis={[{ scaleType: 'point', data: months, height: 28 }]} series={[{ data: arpu, label: t('card.usage.row.arpu'), connectNulls: true }]} hideLegend />
      </Panel>
      <Panel title="card.usage.row.mou" testId="trend-mou">
        <BarChart {...chart} xAxis={[{ scaleType: 'band', data: pair, height: 28 }]} series={[{ data: [num(customer, 'mou_avg3'), num(customer, 'mou_cur')], label: t('card.usage.row.mou') }]} hideLegend />
      </Panel>
      <Panel title="card.usage.row.data" testId="trend-data">
        <BarChart
          {...chart}
          xAxis={[{ scaleType: 'band', data: pair, height: 28 }]}
          series={[{ data: [num(customer, 'data_mb_avg3'), num(customer, 'data_mb_cur')], label: t('card.usage.row.data'), color: '#7b1fa2' }]}
          hideLegend
        />
      </Panel>
    </Box>
  );
}

function Profile({ customer }: { customer: SubscriberView }) {
  const labels = useLabels();
  const text = useFieldText();
  return (
    <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1.5, rowGap: 0.25, fontSize: '0.875rem', '& dt': { color: 'text.secondary' }, '& dd': { m: 0 } }}>
      {profileKeys.map((k) => (
        <Box key={k} sx={{ display: 'contents' }}>
          <dt>{labels.field(k)}</dt>
          {/* Money as the card shows it (23.30 元), not the file's number (23.3). */}
          <dd>{text(customer, k, k === 'balance' ? 'yuan' : 'text')}</dd>
        </Box>
      ))}
    </Box>
  );
}

function Attempts({ history }: { history: History }) {
  const t = useT();
  const labels = useLabels();
  const fmt = useFormat();
  const offerName = useOfferName();
  const planName = usePlanName(history.attempts.some((a) => a.planCode !== null));
  if (history.attempts.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {t('card.attempts.none')}
      </Typography>
    );
  return (
    <Table size="small" aria-label={t('c360.attempts')} sx={{ '& td, & th': { px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('c360.col.time')}</TableCell>
          <TableCell>{t('c360.col.channel')}</TableCell>
          <TableCell>{t('c360.col.disposition')}</TableCell>
          <TableCell>{t('c360.col.detail')}</TableCell>
          <TableCell>{t('c360.col.agent')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {history.attempts.map((a) => (
          <TableRow key={a.id} data-testid="c360-attempt">
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(a.at)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{labels.channel(a.channel)}</TableCell>
            <TableCell sx={{ whiteSpace: 'nowrap', fontWeight: 600 }} data-code={a.disposition}>
              {labels.disposition(a.disposition)}
            </TableCell>
            <TableCell sx={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
              {[
                a.reason && labels.reason(a.reason),
                a.competitor && t('card.attempts.competitor', { competitor: labels.competitor(a.competitor) }),
                a.competitorOffer && t('card.attempts.competitorOffer', { offer: a.competitorOffer }),
                a.competitorAmount !== null && t('card.attempts.competitorAmount', { amount: fmt.number(a.competitorAmount, 2) }),
                a.offerCode && offerName(a.offerCode),
                a.planCode && t('card.attempts.plan', { plan: planName(a.planCode) }),
                a.callbackAt && t('card.attempts.callback', { time: fmt.dateTime(a.callbackAt) }),
                a.note,
              ]
                .filter(Boolean)
                .join(t('common.listSeparator'))}
            </TableCell>
            <TableCell>{a.agentId}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * Customer 360 (客户全景): profile, usage trends as small charts, every attempt and piece of feedback, the lists the
 * customer is on — for a long conversation or a supervisor's review. Opened from the card; read-only.
 */
export function Customer360({ data, open, onClose }: { data: FoundCustomer; open: boolean; onClose(): void }) {
  const t = useT();
  const labels = useLabels();
  const fmt = useFormat();
  const customer = data.customer as SubscriberView;
  // Read while the dialog is open; an attempt or feedback logged meanwhile (here or elsewhere) refetches it.
  const historyQuery = useApiQuery('customer-history', { ref: customer.ref }, { enabled: open });
  const history: History | null = historyQuery.data ?? null;
  const error = historyQuery.error;

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="c360-title" data-testid="customer-360">
      <DialogTitle id="c360-title" sx={{ display: 'flex', alignItems: 'center', gap: 2, pr: 7 }}>
        {t('c360.title')}
        <Typography component="span" sx={{ fontWeight: 600, letterSpacing: 1 }}>
          {customer.msisdnMasked}
        </Typography>
        <Typography component="span" color="text.secondary">
          {customer.nameMasked ?? t('card.noName')}
        </Typography>
        <RiskLevelChip level={data.signal.level} />
        <IconButton aria-label={t('common.close')} onClick={onClose} sx={{ position: 'absolute', right: 12, top: 12 }}>
          <CloseIcon />
        </IconButton>
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 1.5 }}>
        <Trends customer={customer} />
        <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 320px', gap: 1.5, alignItems: 'start' }}>
          <Panel title="c360.attempts" testId="c360-attempts">
            {error != null && <ErrorAlert title={t('c360.error')} error={error} />}
            {!history && error == null && <LinearProgress aria-label={t('common.loading')} />}
            {history && <Attempts history={history} />}
            {history?.truncated && (
              <Typography variant="caption" color="text.secondary">
                {t('c360.truncated', { count: history.attempts.length })}
              </Typography>
            )}
          </Panel>
          <Stack spacing={1.5}>
            <Panel title="card.section.profile" testId="c360-profile">
              <Profile customer={customer} />
            </Panel>
            <Panel title="card.lists.title" testId="c360-lists">
              {data.lists.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('card.lists.none')}
                </Typography>
              ) : (
                <Stack spacing={0.75}>
                  {data.lists.map((l) => (
                    <Box key={l.id}>
                      <ListTypeChip type={l.type} name={l.name} />
                      <Typography variant="body2">{labels.listName(l.name)}</Typography>
                      {l.dueDate && (
                        <Typography variant="caption" color="text.secondary">
                          {t('card.lists.due', { date: fmt.date(l.dueDate) })}
                        </Typography>
                      )}
                    </Box>
                  ))}
                </Stack>
              )}
            </Panel>
            <Panel title="card.feedback.title" testId="c360-feedback">
              {!history || history.feedback.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('card.feedback.none')}
                </Typography>
              ) : (
                <Stack spacing={1}>
                  {history.feedback.map((f) => (
                    <Box key={f.id} data-testid="c360-feedback-item">
                      <Typography variant="caption" color="text.secondary">
                        {[f.category && labels.feedbackCategory(f.category), f.importance && labels.importance(f.importance), fmt.dateTime(f.at)].filter(Boolean).join(' · ')}
                      </Typography>
                      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                        {f.text}
                      </Typography>
                    </Box>
                  ))}
                </Stack>
              )}
            </Panel>
          </Stack>
        </Box>
      </DialogContent>
    </Dialog>
  );
}
