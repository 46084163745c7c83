// Builds the web explorer into dist/: index.html, assets/app.js (the modules
// and Cytoscape.js bundled and minified) and assets/app.css.
// Run with `npm ci && npm run build` in web/.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await mkdir('dist/assets', { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outdir: 'dist/assets',
  legalComments: 'linked',
  logLevel: 'info',
});
await build({ entryPoints: { app: 'src/style.css' }, bundle: true, minify: true, outdir: 'dist/assets', logLevel: 'info' });
await copyFile('src/index.html', 'dist/index.html');
