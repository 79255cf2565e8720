/** Finds text that Terraform would read as a template expression in a synthesized string. */

/**
 * A reference gdp itself writes: `${type.name.attribute}` or `${data.type.name.attribute}` through the
 * adapter, and a split stack's read of another stack's output,
 * `${data.terraform_remote_state.<input>.outputs.<output>}` (both names hold `-`, as cdktf writes them).
 */
const REFERENCE =
  /^\$\{(?:(?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_]+)+|data\.terraform_remote_state\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]+)\}$/;

/**
 * The first `${...}` that is not a resource reference, or `%{...}` directive, in a synthesized string;
 * undefined when Terraform will yield the text as written (escapes `$${` and `%%{` are skipped).
 */
export function unescapedTemplate(text: string): string | undefined {
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c !== '$' && c !== '%') continue;
    if (text[i + 1] === c && text[i + 2] === '{') {
      i += 2;
      continue;
    }
    if (text[i + 1] !== '{') continue;
    const end = text.indexOf('}', i);
    const expression = text.slice(i, end < 0 ? undefined : end + 1);
    if (c === '%' || !REFERENCE.test(expression)) return expression.length > 60 ? `${expression.slice(0, 57)}...` : expression;
    i = end;
  }
  return undefined;
}
