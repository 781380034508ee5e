import { build, type Plugin } from 'esbuild';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * `npm run build` step: bundles what the entry point loads at start-up (settings and their validation, the
 * registration list's loader, the lazy handlers) into dist/functions/index.js, over tsc's copy, so the Functions
 * host reads and compiles one small file before registering every function (cold start, docs/performance.md).
 *
 * Static imports are bundled; a `require()` in our code is a load deferred to first use, so it stays a require of the
 * compiled file under dist/ (path rewritten from the bundle's place). @azure/functions stays external: the worker hooks
 * into the installed package. No other package may be bundled: a library imported on the start-up path (a schema
 * library, an SDK, the database layer) is what a cold instance pays for, so the build fails if one is.
 */
const root = join(__dirname, '..', '..');
const outfile = join(root, 'dist', 'functions', 'index.js');

const deferredRequiresStayExternal: Plugin = {
  name: 'deferred-requires-stay-external',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== 'require-call' || args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = resolve(dirname(args.importer), args.path);
      const compiled = join(root, 'dist', relative(root, source));
      return { path: `./${relative(dirname(outfile), compiled).split(sep).join('/')}`, external: true };
    });
  },
};

build({
  entryPoints: [join(root, 'functions', 'index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['@azure/functions'],
  plugins: [deferredRequiresStayExternal],
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
})
  .then((result) => {
    const packages = new Set(Object.keys(result.metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? []));
    if (packages.size > 0) throw new Error(`the start-up path imports ${[...packages].join(', ')}; load it on first use instead`);
    const bundle = Object.values(result.metafile.outputs).find((output) => output.entryPoint);
    console.log(`dist/functions/index.js: start-up path bundled (${Math.round((bundle?.bytes ?? 0) / 1024)} KB, source map beside it)`);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
