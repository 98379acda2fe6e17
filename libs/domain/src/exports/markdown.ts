/** Markdown's own marks (CommonMark lets any ASCII punctuation be escaped with a backslash). */
const MARKS = /[\\`*_{}[\]()#+\-!|~=]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Raw HTML as text: `<`, `>` and `&` as entities. */
export const htmlAsText = (text: string): string => text.replace(/[&<>]/g, (m) => ENTITIES[m]);

/**
 * User text as every Markdown export writes it: marks escaped, so `# x` is no heading, `[a](javascript:…)` no link
 * and `**` no emphasis; `<`, `>` and `&` as entities, so raw HTML (`<script>`) stays text; a number followed by `.` or
 * `)` at the start of a line is no list. Line breaks are kept.
 */
export function markdownText(text: string): string {
  return htmlAsText(text.replace(MARKS, (m) => `\\${m}`)).replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}
