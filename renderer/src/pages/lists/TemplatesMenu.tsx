import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import DescriptionIcon from '@mui/icons-material/Description';
import ScienceIcon from '@mui/icons-material/Science';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import ListItemIcon from '@mui/material/ListItemIcon';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { saveDownload } from '../../api/files';
import { useLocale, useT } from '../../i18n';
import { useDemoFile } from '../../components/useDemoFile';

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

  // In the demo workspace, the files the central side would send, to try the import and the churn model with.
  const demoFiles = [
    { kind: 'worklist', label: 'templates.demoWorklist', save: useDemoFile('worklist') },
    { kind: 'history', label: 'templates.demoHistory', save: useDemoFile('history') },
  ] as const;

  /** Closes the menu, saves the file and says its name (or why it could not be saved): every entry alike. */
  const saveAndSay = async (save: () => Promise<string | null>) => {
    setAnchor(null);
    try {
      const name = await save();
      if (name) setMessage(t('templates.saved', { name }));
    } catch (err) {
      setMessage(err instanceof Error ? err.message : String(err));
    }
  };

  const download = (e: Entry) =>
    saveAndSay(async () => {
      const staged =
        e.op === 'template-export'
          ? await api.call('template-export', { kind: e.kind, locale })
          : await api.call('catalogue-export', { kind: e.kind as 'offers' | 'plans', locale });
      return (await saveDownload(api, staged)) ? staged.name : null;
    });

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
        {demoFiles.some((d) => d.save) && <Divider />}
        {demoFiles.map(({ kind, label, save }) =>
          save ? (
            <MenuItem key={`demo-${kind}`} onClick={() => void saveAndSay(save)} data-testid={`demo-file-${kind}`}>
              <ListItemIcon>
                <ScienceIcon fontSize="small" />
              </ListItemIcon>
              {t(label)}
            </MenuItem>
          ) : null,
        )}
      </Menu>
      <Snackbar open={message !== null} autoHideDuration={4000} onClose={() => setMessage(null)} message={message ?? ''} />
    </>
  );
}
