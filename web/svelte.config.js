// Svelte's compiler settings, read by the Vite plugin and by svelte-check. Every component
// is in runes mode (Svelte 5); TypeScript in <script lang="ts"> needs no preprocessor.
export default {
  compilerOptions: { runes: true },
};
