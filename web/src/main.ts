// Samråd's web UI: a client of the GraphQL API only, in Svelte.
import { mount } from 'svelte';
import App from './App.svelte';
import './style.css';

mount(App, { target: document.body });
