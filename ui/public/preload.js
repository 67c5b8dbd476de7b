// The default view's data starts loading before the app's code: the app picks it up (api.ts).
// A file rather than an inline script, so that the page's Content-Security-Policy allows no
// inline scripts at all.
if (!/[?&](kinds|rels|country|topic|asOf|limit|view|embed)=/.test(location.search)) {
  window.speanPreload = { url: '/api/graph?limit=2000', response: fetch('/api/graph?limit=2000', { headers: { accept: 'application/json' } }) };
}
