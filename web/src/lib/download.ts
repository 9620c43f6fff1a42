// Files made from the API's text (a CSV export, a GeoJSON picture) handed to the browser as
// downloads: the text is fetched when asked for, never with the page.

/** Saves `text` as a file called `name` of the media type `type` (a download). */
export function saveText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object after the click has returned: let it live a while.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a title and a date: letters and digits kept (å, ä, ö too), the rest a dash. */
export function fileName(parts: (string | null | undefined)[], extension: string): string {
  const base = parts
    .filter((p): p is string => Boolean(p))
    .join(' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return `${base || 'samrad'}.${extension}`;
}
