// What the server knows and the built UI cannot: read once from `/config.json` (the
// SAMRAD_MAP_* settings, and whether e-mail is set up). A failed read is no error to show:
// maps are drawn without tiles, and no receipt is offered by e-mail.

export type WebConfig = {
  /** An XYZ tile address template with {z}, {x} and {y}; null draws no background. */
  mapTiles: string | null;
  /** The tile service's attribution, as plain text. */
  mapAttribution: string | null;
  /** E-mail is set up, so the invitation form may offer to e-mail the receipt link. */
  receiptEmail: boolean;
};

const OFFLINE: WebConfig = { mapTiles: null, mapAttribution: null, receiptEmail: false };

let loading: Promise<WebConfig> | null = null;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

async function load(): Promise<WebConfig> {
  try {
    const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return OFFLINE;
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return OFFLINE;
    const { mapTiles, mapAttribution, receiptEmail } = body as Record<string, unknown>;
    return { mapTiles: text(mapTiles), mapAttribution: text(mapAttribution), receiptEmail: receiptEmail === true };
  } catch {
    return OFFLINE;
  }
}

/** The server's settings for the UI, fetched on first use and kept for the page's life. */
export function webConfig(): Promise<WebConfig> {
  loading ??= load();
  return loading;
}
