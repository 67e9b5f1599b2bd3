// Runs search.js over a built index for each case in a JSON file and prints
// the outcomes as JSON, for comparison with the Rust reference searcher
// (tests/search.rs). Usage: node parity.js SEARCH_JS OUTPUT_DIR CASES_JSON
'use strict';
const fs = require('fs');
const path = require('path');
const [js, out, casesFile] = process.argv.slice(2);
const S = require(path.resolve(js));
const get = (p, binary) => {
  const f = path.join(out, p);
  if (!fs.existsSync(f)) return Promise.resolve(null);
  const b = fs.readFileSync(f);
  return Promise.resolve(binary ? new Uint8Array(b) : JSON.parse(b.toString('utf8')));
};
(async () => {
  const s = await new S.Searcher(get).open();
  const results = [];
  for (const c of JSON.parse(fs.readFileSync(casesFile, 'utf8'))) {
    const r = await s.search(c.q, c.f, c.date);
    results.push({ hits: r.hits, partial: r.partial, partners: r.partners, tags: r.tags, langs: r.langs, years: r.years });
  }
  process.stdout.write(JSON.stringify(results));
})().catch((e) => { console.error(e); process.exit(1); });
