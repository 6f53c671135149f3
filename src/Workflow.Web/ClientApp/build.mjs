// Bundles the site's CSS and JS into ../wwwroot/dist. Run by the .csproj before every build whose inputs changed.
// site.js is on every page; inbox.js (bpmn-js viewer and the SignalR client) only on the inbox.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

// Noto Serif (OFL) for the certificates the server draws: Vietnamese diacritics stacked correctly.
mkdirSync('../wwwroot/dist/fonts', { recursive: true });
for (const [from, to] of [['400Regular/NotoSerif_400Regular.ttf', 'NotoSerif-Regular.ttf'], ['700Bold/NotoSerif_700Bold.ttf', 'NotoSerif-Bold.ttf']]) {
  copyFileSync(`node_modules/@expo-google-fonts/noto-serif/${from}`, `../wwwroot/dist/fonts/${to}`);
}

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
