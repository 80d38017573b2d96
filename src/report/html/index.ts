export { reportHtml } from './page.js';
