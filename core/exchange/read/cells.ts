/**
 * Numbers with a date format, as both readers give them: the text a CSV export of the sheet shows
 * ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS', 'HH:MM:SS'), read from the serial with no time zone involved.
 */
import * as XLSX from 'xlsx';
import { excelSerialSeconds, excelSerialToIsoDate } from '../../worklist/cells';

export type DateStyle = 'date' | 'datetime' | 'time' | null;
const dateStyles = new Map<string, DateStyle>();
/** Whether a number format shows a date, a date and time, or a time; cached, as a sheet uses a handful. */
export function dateStyleOf(format: string): DateStyle {
  let style = dateStyles.get(format);
  if (style !== undefined) return style;
  style = null;
  if ((XLSX.SSF as { is_date(f: string): boolean }).is_date(format)) {
    // Without quoted literals, [colour]/[h] sections and escaped characters, time runs ('hh:mm', 'mm:ss',
    // 'h"时"mm"分"') become T; an m left over is a month.
    const tokens = format
      .replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')
      .toLowerCase()
      .replace(/am\/pm|a\/p|上午\/下午|上午|下午/g, 'T')
      .replace(/h+\s*[:.]?\s*m*|m*\s*[:.]?\s*s+(?:\.0+)?/g, 'T');
    const hasDate = /[ydmeb]|[年月日]/.test(tokens);
    const hasTime = tokens.includes('T');
    style = hasDate && hasTime ? 'datetime' : hasTime ? 'time' : 'date';
  }
  if (dateStyles.size < 1000) dateStyles.set(format, style);
  return style;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
function timeText(serial: number): string {
  const s = excelSerialSeconds(serial);
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

/** A numeric cell with a date format, as the text a CSV export shows; the serial itself when it is no date. */
export function dateCellText(serial: number, style: Exclude<DateStyle, null>, date1904: boolean): string | number {
  if (style === 'time') return serial >= 0 && serial < 1 ? timeText(serial) : serial;
  const day = excelSerialToIsoDate(serial, date1904);
  if (day === null) return serial;
  return style === 'datetime' ? `${day} ${timeText(serial)}` : day;
}
