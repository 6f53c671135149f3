// Bundles the site's CSS and JS into ../wwwroot/dist. Run by the .csproj before every build whose inputs changed.
// site.js is on every page; inbox.js (bpmn-js viewer and the SignalR client) only on the inbox.
import { build } from 'esbuild';

await build({
  entryPoints: { site: 'src/site.js', 'site-style': 'src/site.css', inbox: 'src/inbox.js', 'inbox-style': 'src/inbox.css' },
  outdir: '../wwwroot/dist',
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2020'],
  loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.ttf': 'file', '.eot': 'file' },
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
});
