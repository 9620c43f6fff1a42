// The language shown, as runes state: whatever reads it through `t` follows a switch.
export type Lang = 'sv' | 'en';

export const locale: { current: Lang } = $state({
  current: localStorage.getItem('samrad.lang') === 'en' ? 'en' : 'sv',
});
