/** Escaping of literal text for Terraform's string templates (reference/gcp-domain.md §0.1). */

/**
 * Makes a literal string safe in a Terraform JSON attribute: `${` → `$${` and `%{` → `%%{`, so Terraform
 * yields exactly the original text (Workflows expressions, SQL, descriptions). Replacer functions are
 * used on purpose: in a replacement *string*, `$$` would mean one `$`.
 * Apply it once, to literal text only; never to a string holding a reference created by the adapter.
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}
