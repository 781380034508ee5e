import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real Bicep CLI, from the NuGet package `Azure.Bicep.CommandLine.linux-x64` that `dotnet restore tools/bicep`
 * brings into the NuGet packages folder (no download step of our own). Builds bicep/main.bicep and
 * bicep/main.bicepparam to ARM JSON; any warning or error, the linter's included (bicep/bicepconfig.json), fails.
 */
export const BICEP_DIR = 'bicep';
const TOOL_PROJECT = join('tools', 'bicep');
const PACKAGE_ID = 'Azure.Bicep.CommandLine.linux-x64';

interface RestoredAssets {
  packageFolders: Record<string, unknown>;
  project: { frameworks: Record<string, { downloadDependencies?: { name: string; version: string }[] }> };
}

function bicepFromAssets(root: string): string | undefined {
  const assetsFile = join(root, TOOL_PROJECT, 'obj', 'project.assets.json');
  if (!existsSync(assetsFile)) return undefined;
  const assets = JSON.parse(readFileSync(assetsFile, 'utf8')) as RestoredAssets;
  const download = Object.values(assets.project.frameworks)
    .flatMap((f) => f.downloadDependencies ?? [])
    .find((d) => d.name === PACKAGE_ID);
  // The version is pinned exactly in the project, e.g. "[0.49.2, 0.49.2]".
  const version = /[\d.]+/.exec(download?.version ?? '')?.[0];
  if (!version) return undefined;
  return Object.keys(assets.packageFolders)
    .map((folder) => join(folder, PACKAGE_ID.toLowerCase(), version, 'tools', 'bicep'))
    .find((path) => existsSync(path));
}

/** The path of the Bicep CLI, restoring tools/bicep first when it has not been restored on this machine. */
export function locateBicep(root: string): string {
  const found = bicepFromAssets(root);
  if (found) return found;
  execFileSync('dotnet', ['restore', join(root, TOOL_PROJECT), '--nologo', '-v', 'quiet'], { stdio: 'inherit' });
  const restored = bicepFromAssets(root);
  if (!restored) throw new Error(`dotnet restore ${TOOL_PROJECT} did not bring ${PACKAGE_ID}`);
  return restored;
}

export interface BicepBuild {
  template: string;
  parameters: string;
  /** Every warning and error the compiler and the linter reported (none for a clean build). */
  diagnostics: string[];
}

function runBicep(bicep: string, args: string[]): string[] {
  const result = spawnSync(bicep, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  const diagnostics = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /: (Warning|Error) /.test(line));
  if (result.status !== 0 && diagnostics.length === 0) throw new Error(`bicep ${args[0]} failed: ${result.stderr}`);
  return diagnostics;
}

/** Compiles main.bicep and main.bicepparam into outDir (main.json, main.parameters.json); lint runs as part of it. */
export function buildBicep(root: string, outDir: string): BicepBuild {
  const bicep = locateBicep(root);
  mkdirSync(outDir, { recursive: true });
  const template = join(outDir, 'main.json');
  const parameters = join(outDir, 'main.parameters.json');
  const diagnostics = [
    ...runBicep(bicep, ['build', join(root, BICEP_DIR, 'main.bicep'), '--outfile', template]),
    ...runBicep(bicep, ['build-params', join(root, BICEP_DIR, 'main.bicepparam'), '--outfile', parameters]),
  ];
  return { template, parameters, diagnostics };
}
