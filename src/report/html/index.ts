export { reportHtml, writeReportHtml, type ReportSource } from './page.js';
