import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import DescriptionIcon from '@mui/icons-material/Description';
import Button from '@mui/material/Button';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { useLocale, useT } from '../../i18n';

type Entry = { op: 'template-export' | 'catalogue-export'; kind: 'worklist' | 'history' | 'offers' | 'plans'; label: 'templates.worklist' | 'templates.history' | 'templates.offers' | 'templates.plans' };

const entries: Entry[] = [
  { op: 'template-export', kind: 'worklist', label: 'templates.worklist' },
  { op: 'template-export', kind: 'history', label: 'templates.history' },
  { op: 'catalogue-export', kind: 'offers', label: 'templates.offers' },
  { op: 'catalogue-export', kind: 'plans', label: 'templates.plans' },
];

/** Blank workbooks with the right headers for the central side, and the current offer and plan catalogues. */
export function TemplatesMenu() {
  const api = useApi();
  const t = useT();
  const locale = useLocale();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const download = async (e: Entry) => {
    setAnchor(null);
    try {
      const staged =
        e.op === 'template-export'
          ? await api.call('template-export', { kind: e.kind, locale })
          : await api.call('catalogue-export', { kind: e.kind as 'offers' | 'plans', locale });
      if (await saveDownload(api, staged)) setMessage(t('templates.saved', { name: staged.name }));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <>
      <Button startIcon={<DescriptionIcon />} endIcon={<ArrowDropDownIcon />} onClick={(ev) => setAnchor(ev.currentTarget)} aria-haspopup="menu">
        {t('templates.button')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {entries.map((e) => (
          <MenuItem key={e.kind} onClick={() => void download(e)}>
            {t(e.label)}
          </MenuItem>
        ))}
      </Menu>
      <Snackbar open={message !== null} autoHideDuration={4000} onClose={() => setMessage(null)} message={message ?? ''} />
    </>
  );
}
