/** The review page's script, part: the filters and the pages of cards. */
export const PAGING_JS =
  String.raw`
  function filtered() {
    var g = groupFilter.value, s = stateFilter.value, out = [];
    for (var i = 0; i < items.length; i++) {
      if (g !== '' && String(items[i][1]) !== g) continue;
      if (s !== '' && stateOf(items[i][0]) !== s) continue;
      out.push(i);
    }
    return out;
  }
  function render(keepPage) {
    shown = filtered();
    var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
    if (!keepPage) page = 0;
    page = Math.min(page, pages - 1);
    list.textContent = '';
    list.start = page * PAGE_SIZE + 1;
    shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (n) { list.appendChild(card(n)); });
    ['top', 'bottom'].forEach(function (w) {
      $('page-' + w).textContent = shown.length ? 'Page ' + (page + 1) + ' of ' + pages + ' · variants ' + ` +
  String.raw`(page * PAGE_SIZE + 1) + '–' + Math.min(shown.length, (page + 1) * PAGE_SIZE) + ' of ' + shown.length : 'No ` +
  String.raw`variant matches the filters.';
      $('prev-' + w).disabled = page === 0;
      $('next-' + w).disabled = page >= pages - 1;
    });
  }
  function go(delta, from) {
    page += delta;
    render(true);
    var first = list.querySelector('article');
    if (first && from) first.focus();
  }
  function goTo(n) {
    var at = shown.indexOf(n);
    if (at < 0) { groupFilter.value = ''; stateFilter.value = ''; shown = filtered(); at = shown.indexOf(n); }
    page = Math.floor(at / PAGE_SIZE);
    render(true);
    var a = $('item-' + n);
    if (a) { a.scrollIntoView({ block: 'start' }); a.focus(); }
  }
`;
