export { writeReportHtml, type ReportSource } from './page.js';
export { loadEngines as loadChartEngines } from './charts.js';
