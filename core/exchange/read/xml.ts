/** Just enough XML for the parts read without SheetJS (the plain-xlsx and ODS readers, the ODF repeat check). */

const XML_ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED_ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/** XML's entities (&amp; &#13; &#x1F600;) and nothing else: ODF text, which has no other escape (ods-scanner.ts). */
export function unescapeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(XML_ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED_ENTITY[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Text content as a conforming XML parser and Excel read it: a literal CRLF is a line end (LF, XML §2.11), then
 * entities (&#13; is a real CR) and OOXML's _xHHHH_ escapes (_x000D_ is a real CR, which Excel and our writer use
 * to keep CRLF in a cell). Normalising before unescaping keeps an escaped CRLF — a note's line break written by
 * us and re-saved by openpyxl as "_x000D_\n" — as the CRLF it was (issue 18 #8).
 */
export function unescapeXml(s: string): string {
  let out = s;
  if (out.indexOf('\r\n') >= 0) out = out.replace(/\r\n/g, '\n');
  out = unescapeEntities(out);
  if (out.indexOf('_x') >= 0) out = out.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

export const isXmlSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** The attributes of the tag that starts at `from` (just after its name), up to '>' — for the few tags read per file. */
export function tagAttributes(xml: string, from: number): { attrs: Map<string, string>; end: number; selfClosing: boolean } | null {
  const end = xml.indexOf('>', from);
  if (end < 0) return null;
  const attrs = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const text = xml.slice(from, end);
  for (let m = re.exec(text); m; m = re.exec(text)) attrs.set(m[1]!, unescapeXml(m[2] ?? m[3] ?? ''));
  return { attrs, end, selfClosing: xml.charCodeAt(end - 1) === 47 };
}

/** Every `<name …>` start tag in `xml` (unprefixed), with its attributes. */
export function* startTags(xml: string, name: string, from = 0, to = xml.length): Generator<Map<string, string>> {
  const open = `<${name}`;
  for (let p = xml.indexOf(open, from); p >= 0 && p < to; p = xml.indexOf(open, p + open.length)) {
    const next = xml.charCodeAt(p + open.length);
    if (!isXmlSpace(next) && next !== 62 && next !== 47) continue;
    const tag = tagAttributes(xml, p + open.length);
    if (!tag) return;
    yield tag.attrs;
  }
}
