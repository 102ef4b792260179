import CheckIcon from '@mui/icons-material/Check';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Collapse from '@mui/material/Collapse';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { memo, useId, useMemo, useRef, useState } from 'react';
import type { OffersView, TariffView } from '../../../../core/api';
import { useLabels, useLocale, useT } from '../../i18n';
import { offersChurnLine } from './cardModel';
import { DowngradeChip } from './DowngradeChip';
import { offerNumbersFor } from './offerNumbers';
import { copyText, figureNotes, groupByStage, useOfferWords, type RankedOffer, type TariffOption } from './offerWords';

const GREEN = '#1b5e20';
const RED = '#b71c1c';

function useNumbers() {
  const locale = useLocale();
  return useMemo(() => offerNumbersFor(locale), [locale]);
}

function ScriptBlock({ code, script }: { code: string; script: string | null }) {
  const t = useT();
  const quote = useRef<HTMLQuoteElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  if (!script)
    return (
      <Typography variant="body2" color="text.disabled">
        {t('card.offers.noScript')}
      </Typography>
    );
  const copy = async () => {
    const ok = await copyText(script);
    if (!ok && quote.current) {
      // Leave the text selected so Ctrl+C still works.
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.selectAllChildren(quote.current);
    }
    setState(ok ? 'copied' : 'failed');
    window.setTimeout(() => setState('idle'), ok ? 1800 : 5000);
  };
  return (
    <Box>
      <Box
        component="blockquote"
        ref={quote}
        data-testid="offer-script"
        lang="zh-CN"
        sx={{
          m: 0,
          pl: 1.25,
          py: 0.5,
          borderLeft: 3,
          borderColor: 'primary.light',
          bgcolor: 'action.hover',
          fontSize: '0.8125rem',
          lineHeight: 1.55,
          color: 'text.primary',
          userSelect: 'text',
        }}
      >
        {script}
      </Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 0.5 }}>
        <Button
          size="small"
          variant={state === 'copied' ? 'contained' : 'outlined'}
          color={state === 'copied' ? 'success' : 'primary'}
          startIcon={state === 'copied' ? <CheckIcon /> : <ContentCopyIcon />}
          onClick={() => void copy()}
          data-testid="offer-copy"
          aria-describedby={`script-${code}`}
          sx={{ py: 0.25 }}
        >
          {state === 'copied' ? t('card.offers.copied') : t('card.offers.copy')}
        </Button>
        {state === 'failed' && (
          <Typography variant="caption" color="warning.dark" role="status">
            {t('card.offers.copyFailed')}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

function OfferCard({ offer, rank }: { offer: RankedOffer; rank: number }) {
  const t = useT();
  const w = useOfferWords();
  const n = useNumbers();
  const titleId = useId();
  const fitNotes = offer.why.filter((x) => !figureNotes.has(x.code) && !x.code.startsWith('offer.why.'));
  const warnings = offer.why.filter((x) => x.code === 'offer.why.zero-value' || x.code === 'offer.why.arpu-unknown');
  const valueNote = offer.why.find((x) => x.code === 'offer.why.value');
  const acceptNote = offer.why.find((x) => x.code.startsWith('offer.why.acceptance-'));
  // A trial offer (试推, docs/product.md §5.2 "Trial offers"): the chip marks it, the first line of why says why.
  const trialNote = offer.trial ? offer.why.find((x) => x.code === 'offer.why.trial') : undefined;
  const category = w.category(offer.category);
  const figure = (text: string, note: typeof valueNote, testId: string, color?: string) => {
    const el = (
      <Box component="span" data-testid={testId} tabIndex={note ? 0 : undefined} sx={{ fontWeight: 700, color, borderBottom: note ? '1px dotted' : undefined }}>
        {text}
      </Box>
    );
    return note ? (
      <Tooltip title={w.note(note)} placement="top" describeChild>
        {el}
      </Tooltip>
    ) : (
      el
    );
  };
  return (
    <Paper
      component="li"
      variant="outlined"
      aria-labelledby={titleId}
      data-testid="offer-card"
      data-offer-code={offer.code}
      sx={{ p: 1.25, display: 'flex', flexDirection: 'column', gap: 0.75, minWidth: 0, borderTop: 3, borderTopColor: 'primary.main' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box
          aria-hidden
          sx={{
            flex: 'none',
            width: 24,
            height: 24,
            borderRadius: '50%',
            bgcolor: 'primary.main',
            color: 'primary.contrastText',
            fontWeight: 700,
            fontSize: '0.8125rem',
            display: 'grid',
            placeItems: 'center',
          }}
        >
          {rank}
        </Box>
        <Typography id={titleId} component="h4" data-testid="offer-name" sx={{ fontWeight: 700, fontSize: '0.9375rem', lineHeight: 1.4, flex: 1, minWidth: 0 }}>
          {w.offerName(offer)}
        </Typography>
        {offer.trial && <Chip size="small" color="info" label={t('card.offers.trial')} data-testid="offer-trial" sx={{ flex: 'none' }} />}
        {category && <Chip size="small" variant="outlined" label={category} data-testid="offer-category" sx={{ flex: 'none' }} />}
      </Box>
      <Typography variant="body2" component="p" data-testid="offer-figures" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {figure(t('card.offers.ev', { ev: n.whole(offer.expectedValue) }), valueNote, 'offer-ev', offer.expectedValue < 0 ? RED : GREEN)}
        {' · '}
        {figure(t('card.offers.pAccept', { pct: n.pct(offer.pAccept) }), acceptNote, 'offer-p-accept')}
        {' · '}
        <Box component="span" data-testid="offer-cost" sx={{ color: 'text.secondary' }}>
          {t('card.offers.cost', { cost: n.short(offer.cost) })}
        </Box>
      </Typography>
      {(fitNotes.length > 0 || warnings.length > 0 || trialNote) && (
        <Box component="ul" aria-label={t('card.offers.why')} data-testid="offer-why" sx={{ m: 0, pl: 2.25, fontSize: '0.8125rem', lineHeight: 1.5 }}>
          {trialNote && (
            <Box component="li" data-testid="offer-trial-why" sx={{ color: 'info.dark' }}>
              {w.note(trialNote)}
            </Box>
          )}
          {fitNotes.map((x, i) => (
            <li key={`${x.code}-${i}`}>{w.note(x)}</li>
          ))}
          {warnings.map((x, i) => (
            <Box component="li" key={`w-${i}`} sx={{ color: 'warning.dark' }}>
              {w.note(x)}
            </Box>
          ))}
        </Box>
      )}
      <Box sx={{ mt: 'auto' }}>
        <ScriptBlock code={offer.code} script={offer.script} />
      </Box>
    </Paper>
  );
}

function NotOffered({ offers }: { offers: OffersView }) {
  const t = useT();
  const w = useOfferWords();
  // With nothing to offer the reasons are the answer, so they start open.
  const [open, setOpen] = useState(offers.ranked.length === 0);
  const regionId = useId();
  const groups = groupByStage(offers.excluded);
  const nameOf = (code: string) => {
    const o = offers.excluded.find((e) => e.code === code) ?? offers.ranked.find((r) => r.code === code);
    return o ? w.offerName(o) : code;
  };
  if (offers.excluded.length === 0 && offers.unknown.length === 0) return null;
  return (
    <Box data-testid="offers-excluded" sx={{ minWidth: 0 }}>
      <ButtonBase
        onClick={() => setOpen((v) => !v)}
        aria-expanded={open}
        aria-controls={regionId}
        data-testid="offers-excluded-toggle"
        sx={{ width: '100%', justifyContent: 'flex-start', gap: 0.75, py: 0.5, borderRadius: 1, textAlign: 'left' }}
      >
        <ExpandMoreIcon fontSize="small" sx={{ transform: open ? 'rotate(180deg)' : 'none', transition: (t) => t.transitions.create('transform', { duration: 150 }), color: 'text.secondary' }} />
        <Typography component="h4" variant="subtitle2" sx={{ color: 'text.secondary', flex: 'none' }}>
          {t('card.offers.excluded', { count: offers.excluded.length })}
        </Typography>
        {!open && (
          <Typography variant="body2" color="text.secondary" noWrap sx={{ minWidth: 0, flex: 1 }}>
            {offers.excluded.map((e) => w.offerName(e)).join(t('common.listSeparator'))}
          </Typography>
        )}
      </ButtonBase>
      <Collapse in={open} id={regionId} unmountOnExit>
        <Box sx={{ pl: 3.5, pt: 0.5, display: 'grid', gap: 1 }}>
          {groups.map((g) => (
            <Box key={g.stage} data-testid="offers-excluded-stage" data-stage={g.stage}>
              <Typography variant="caption" component="h5" sx={{ color: 'text.secondary', fontWeight: 700, textTransform: 'uppercase', letterSpacing: 0.5 }}>
                {w.stage(g.stage)}
              </Typography>
              <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', display: 'grid', rowGap: 0.25 }}>
                {g.offers.map((e) => {
                  const conditions = e.reason.conditions ?? [];
                  return (
                    <Box
                      component="li"
                      key={e.code}
                      data-testid="offer-excluded"
                      data-offer-code={e.code}
                      data-reason={e.reason.code}
                      sx={{ fontSize: '0.8125rem', lineHeight: 1.5 }}
                    >
                      <Box component="span" sx={{ fontWeight: 600 }}>
                        {w.offerName(e)}
                      </Box>
                      {' — '}
                      <span data-testid="offer-excluded-reason">{w.note(e.reason)}</span>
                      {conditions.length > 0 && (
                        <Box component="span" data-testid="offer-excluded-conditions" sx={{ display: 'block', color: 'text.secondary', pl: 1.5 }}>
                          {w.conditions(e.stage, conditions)}
                        </Box>
                      )}
                    </Box>
                  );
                })}
              </Box>
            </Box>
          ))}
          {offers.unknown.length > 0 && (
            <Box data-testid="offers-unknown" sx={{ color: 'text.secondary' }}>
              <Typography variant="caption" component="h5" sx={{ fontWeight: 700 }}>
                {t('card.offers.unknown')}
              </Typography>
              <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none', fontSize: '0.8125rem', lineHeight: 1.5 }}>
                {offers.unknown.map((u, i) => (
                  <li key={`${u.code}-${u.field}-${i}`} data-testid="offer-unknown" data-offer-code={u.code} data-field={u.field}>
                    {t('common.labelled', { label: nameOf(u.code), value: w.note({ code: 'offer.cond.unknown', params: { field: u.field } }) })}
                  </li>
                ))}
              </Box>
            </Box>
          )}
        </Box>
      </Collapse>
    </Box>
  );
}

function TariffRow({ option, current }: { option: TariffOption; current: boolean }) {
  const t = useT();
  const w = useOfferWords();
  const n = useNumbers();
  const why = option.why.map((x) => w.note(x));
  const saving = option.saving;
  const name = (
    <Box
      component="span"
      tabIndex={why.length > 0 ? 0 : undefined}
      sx={{ borderBottom: why.length > 0 ? '1px dotted' : undefined, cursor: why.length > 0 ? 'help' : undefined }}
    >
      {option.name}
    </Box>
  );
  return (
    <tr data-testid="tariff-row" data-plan-code={option.code} data-current={current ? 'true' : undefined}>
      <th scope="row">
        {why.length > 0 ? (
          <Tooltip
            placement="top-start"
            describeChild
            title={
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {why.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </Box>
            }
          >
            {name}
          </Tooltip>
        ) : (
          name
        )}
        {current && <Chip size="small" label={t('card.tariff.current')} sx={{ ml: 0.75, height: 20 }} />}
        {option.revenueLost !== null && <DowngradeChip revenueLost={option.revenueLost} />}
      </th>
      <td data-testid="tariff-bill">¥{n.money(option.bill)}</td>
      <Box
        component="td"
        data-testid="tariff-saving"
        sx={{ color: saving === null || option.downgrade ? 'text.disabled' : saving > 0 ? GREEN : saving < 0 ? RED : 'text.secondary', fontWeight: saving && saving > 0 && !option.downgrade ? 700 : 400 }}
      >
        {current ? '' : saving === null ? t('common.missing') : n.saving(saving)}
      </Box>
      <td>
        {!current && (
          <Chip
            size="small"
            variant="outlined"
            color={option.fits ? 'success' : 'default'}
            label={option.fits ? t('card.tariff.fits') : t('card.tariff.overage')}
            data-testid="tariff-fits"
            data-fits={String(option.fits)}
            sx={{ height: 20, fontSize: '0.75rem' }}
          />
        )}
      </td>
    </tr>
  );
}

function TariffPreview({ tariff }: { tariff: TariffView }) {
  const t = useT();
  const w = useOfferWords();
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} data-testid="tariff-preview" sx={{ minWidth: 0 }}>
      <Typography id={id} component="h4" variant="subtitle2" sx={{ color: 'text.secondary', mb: 0.5 }}>
        {t('card.tariff.title')}
      </Typography>
      <Box
        component="table"
        sx={{
          width: '100%',
          borderCollapse: 'collapse',
          fontSize: '0.8125rem',
          '& th, & td': { borderBottom: 1, borderColor: 'divider', py: 0.4, px: 0.75, whiteSpace: 'nowrap' },
          // Headers wrap: in English "Monthly bill at current usage" on one line pushed the overage chips past the
          // table's column onto "Not offered" beside it at 1366×768 (found by a new user) — at their spaces only: a
          // Chinese header is one word (按当前用量每月 broke as 按当前用量每 / 月; found by a new agent). The English one is
          // "Bill at usage now" since: the whole sentence took three lines of a half-width card (found by an agent's pass).
          '& thead th': { color: 'text.secondary', fontWeight: 600, textAlign: 'right', whiteSpace: 'normal', wordBreak: 'keep-all', verticalAlign: 'bottom' },
          '& thead th:first-of-type': { textAlign: 'left', pl: 0 },
          '& tbody th': { textAlign: 'left', fontWeight: 500, pl: 0, whiteSpace: 'normal' },
          '& tbody td': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
          '& tr[data-current] th, & tr[data-current] td': { bgcolor: 'action.hover' },
        }}
      >
        <thead>
          <tr>
            <th scope="col">{t('card.tariff.plan')}</th>
            <th scope="col">{t('card.tariff.bill')}</th>
            <th scope="col">{t('card.tariff.saving')}</th>
            <th scope="col" aria-label={t('card.tariff.fits')} />
          </tr>
        </thead>
        <tbody>
          {tariff.current ? (
            <TariffRow option={{ ...tariff.current, saving: null, fits: true, brand: tariff.brand, downgrade: false, revenueLost: null, why: [] }} current />
          ) : (
            <tr data-testid="tariff-row" data-current="true">
              <Box component="th" scope="row" sx={{ color: 'text.disabled' }}>
                {t('card.tariff.currentNone')}
              </Box>
              <td colSpan={3} />
            </tr>
          )}
          {tariff.options.map((o) => (
            <TariffRow key={o.code} option={o} current={false} />
          ))}
        </tbody>
      </Box>
      {tariff.options.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {t('card.tariff.none')}
        </Typography>
      )}
      {tariff.notes.length > 0 && (
        <Box data-testid="tariff-notes" sx={{ mt: 0.5, display: 'grid', gap: 0.25 }}>
          {tariff.notes.map((x, i) => (
            <Box key={`${x.code}-${i}`} data-testid="tariff-note" data-code={x.code} sx={{ display: 'flex', gap: 0.5, color: 'text.secondary', fontSize: '0.75rem' }}>
              <InfoOutlinedIcon sx={{ fontSize: '0.95rem', mt: '1px' }} aria-hidden />
              <span>{w.note(x)}</span>
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** docs/product.md §1 / §5: the 1–3 best offers with why and the script, what must not be offered, and the tariff preview. */
export const OffersPanel = memo(function OffersPanel({ offers, tariff, modelP }: { offers: OffersView; tariff: TariffView; modelP: number | null }) {
  const t = useT();
  const labels = useLabels();
  const n = useNumbers();
  const titleId = useId();
  const line = offersChurnLine(offers, modelP);
  const pChurn =
    line.key === 'card.offers.pChurn.levelOverModel'
      ? t(line.key, { pct: n.pct(line.params.pct), model: n.pct(line.params.model) })
      : t(line.key, { pct: n.pct(line.params.pct) });
  return (
    <Paper component="section" variant="outlined" aria-labelledby={titleId} data-testid="card-offers" sx={{ overflow: 'hidden' }}>
      <Box sx={{ px: 2, py: 0.5, display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, borderBottom: 1, borderColor: 'divider', bgcolor: 'action.hover' }}>
        <Typography id={titleId} component="h3" sx={{ fontWeight: 600, fontSize: '0.9375rem', color: 'primary.dark' }}>
          {t('card.offers.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="offers-p-churn" data-source={offers.pChurnSource}>
          {pChurn}
        </Typography>
        <Typography variant="body2" color="text.secondary" data-testid="offers-channel" data-channel={offers.channel}>
          {t('card.offers.channel', { channel: labels.channel(offers.channel) })}
        </Typography>
      </Box>
      <Box sx={{ p: 1, display: 'grid', gap: 1 }}>
        {offers.ranked.length === 0 ? (
          <Box
            data-testid="offers-empty"
            sx={{ display: 'flex', gap: 1, alignItems: 'center', p: 1.25, borderRadius: 1, bgcolor: 'warning.50', border: 1, borderColor: 'warning.light' }}
          >
            <WarningAmberIcon color="warning" aria-hidden />
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {t('card.offers.empty')}
            </Typography>
          </Box>
        ) : (
          <Box
            component="ol"
            data-testid="offers-ranked"
            sx={{
              m: 0,
              p: 0,
              listStyle: 'none',
              display: 'grid',
              gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(3, minmax(0, 1fr))' },
              gap: 1.25,
              alignItems: 'stretch',
            }}
          >
            {offers.ranked.map((o, i) => (
              <OfferCard key={o.code} offer={o} rank={i + 1} />
            ))}
          </Box>
        )}
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(0, 1fr)' },
            columnGap: 3,
            rowGap: 1.5,
            alignItems: 'start',
          }}
        >
          <TariffPreview tariff={tariff} />
          <NotOffered offers={offers} />
        </Box>
      </Box>
    </Paper>
  );
});
