/** A table's header row: one `<th scope="col">` per label. Labels are markup, inserted as they are. */
export function headRow(labels: readonly string[]): string {
  return `<thead><tr>${labels.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>`;
}
