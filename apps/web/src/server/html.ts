/** The one HTML document; the bundle (src/page) renders the ballot, data-pool and dashboard views into it. */
export const INDEX_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Interfold</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1b1b1f; background: #fafafa; }
  body { margin: 0; }
  header { display: flex; gap: 1.5rem; align-items: center; padding: .6rem 1.2rem; background: #20232a; color: #fff; flex-wrap: wrap; }
  header a { color: #fff; } header a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 2px solid #9cf; }
  header label { font-size: .9rem; } header select, header input { margin-left: .3rem; }
  main { padding: 1rem 1.2rem; max-width: 72rem; }
  section { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: .8rem 1rem; margin: 0 0 1rem; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 0; }
  label { display: block; margin: .4rem 0 .1rem; font-weight: 600; }
  fieldset label { display: inline-block; font-weight: 400; margin-right: 1rem; }
  textarea, input[type=text], input[type=number], input[type=password] { width: 100%; max-width: 40rem; box-sizing: border-box; font: inherit; padding: .25rem; }
  button { margin: .5rem .5rem 0 0; padding: .35rem .8rem; font: inherit; cursor: pointer; }
  button[disabled] { cursor: progress; }
  table { border-collapse: collapse; font-size: .9rem; } th, td { border-bottom: 1px solid #e4e4e4; padding: .2rem .6rem; text-align: left; vertical-align: top; }
  .mono { font-family: ui-monospace, monospace; font-size: .85rem; word-break: break-all; }
  .ok { color: #0a6b2e; } .bad { color: #a4161a; } .muted { color: #666; font-size: .9rem; }
  [role=alert] { color: #a4161a; white-space: pre-wrap; }
  .progress { white-space: pre-wrap; }
  ol.timeline { padding-left: 1.2rem; margin: .2rem 0; } ol.timeline li.done::marker { color: #0a6b2e; }
  .note { background: #fff8e1; border: 1px solid #f0d98c; padding: .5rem .7rem; border-radius: 4px; font-size: .9rem; }
</style>
</head>
<body>
<header>
  <strong>Interfold</strong>
  <nav aria-label="Pages"><a href="#/ballot">Ballot</a> · <a href="#/datapool">Data pool</a> · <a href="#/dashboard">Dashboard</a></nav>
  <span id="account-slot"></span>
</header>
<main id="main" tabindex="-1"><p>Loading…</p></main>
<script type="module" src="/app.js"></script>
</body>
</html>
`;
