/**
 * English needs "1 complaint" but "2 complaints"; Chinese does not inflect. A message may therefore hold
 * `{count|complaint|complaints}`: the first word when the parameter is exactly 1, the second otherwise. The number
 * itself is still written by its own `{count}` placeholder, so both languages' messages take the same parameters.
 * One rule for core's coded messages and the renderer's catalogue (docs/architecture.md, "Errors and messages").
 */

/** The parameter names of a message's placeholders, `{name}` and `{name|one|other}` alike. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${infer Name}|${string}` ? Name : P) | Placeholders<Rest>
  : never;

const pluralForm = /\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g;

/**
 * Chooses the word of every `{name|one|other}` by its parameter. A number already formatted as text ("12,345") is
 * read without its grouping; anything else that is not exactly 1 takes the other word, so braces never show.
 */
export function choosePlurals(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(pluralForm, (whole, name: string, one: string, other: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return whole;
    const value = params[name]!;
    const n = typeof value === 'number' ? value : Number(value.replace(/[,\s\u00a0]/gu, ''));
    return n === 1 ? one : other;
  });
}
