// Bundles the site's CSS and JS into ../wwwroot/dist. Run by the .csproj before every build whose inputs changed.
// site.js is on every page; inbox.js (bpmn-js viewer and the SignalR client) only on the inbox.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';

// Noto Serif (OFL) for the certificates the server draws: Vietnamese diacritics stacked correctly. Each face is cut
// down (HarfBuzz's subsetter, layout tables kept) to Latin with every Vietnamese letter and the usual punctuation:
// SkiaSharp embeds a face whole in every PDF, so 500 KB faces made 500 KB certificates; subset, about 85 KB each.
const ranges = [[0x20, 0x7e], [0xa0, 0xff], [0x100, 0x17f], [0x1a0, 0x1b0], [0x300, 0x323], [0x1ea0, 0x1ef9], [0x2010, 0x2027], [0x20ab, 0x20ac], [0x2116, 0x2116]];
let characters = '';
for (const [from, to] of ranges) for (let c = from; c <= to; c++) characters += String.fromCodePoint(c);
mkdirSync('../wwwroot/dist/fonts', { recursive: true });
for (const [from, to] of [
  ['400Regular/NotoSerif_400Regular.ttf', 'NotoSerif-Regular.ttf'],
  ['700Bold/NotoSerif_700Bold.ttf', 'NotoSerif-Bold.ttf'],
  ['400Regular_Italic/NotoSerif_400Regular_Italic.ttf', 'NotoSerif-Italic.ttf'],
]) {
  const font = readFileSync(`node_modules/@expo-google-fonts/noto-serif/${from}`);
  writeFileSync(`../wwwroot/dist/fonts/${to}`, await subsetFont(font, characters, { targetFormat: 'truetype' }));
}

await build({
  entryPoints: { site: 'src/site.js', 'site-style': 'src/site.css', inbox: 'src/inbox.js', 'inbox-style': 'src/inbox.css', 'certificate-editor': 'src/certificate-editor.js',
    designer: 'src/designer.js', 'designer-style': 'src/designer.css',
    'form-editor': 'src/form-editor.js', report: 'src/report.js', 'task-form': 'src/task-form.js', 'forms-style': 'src/forms.css', 'task-form-style': 'src/task-form.css' },
  outdir: '../wwwroot/dist',
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2020'],
  loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.ttf': 'file', '.eot': 'file' },
  assetNames: 'assets/[name]-[hash]',
  // form-js renders the properties panel's components: one preact for both, the one the properties panel ships.
  alias: { preact: '@bpmn-io/properties-panel/preact' },
  logLevel: 'warning',
});
