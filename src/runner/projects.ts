/**
 * A run's Playwright projects: one per target profile (and configuration). The target, the rule
 * profile and the embedded server's flaws are project options (fixtures.ts), so one playwright.config.ts
 * holds several targets, `npx playwright test --project=<name>` runs one, and global setup, the workers
 * and the reporter all read a project's options the same way (optionsOf).
 */
import path from 'node:path';
import type { FullConfig, FullProject } from '@playwright/test';
import { config, ROOT, type RunSettings } from '../config.js';
import type { Profile } from '../spec/levels.js';
import { loadPlanTarget } from './plan.js';

export interface ProjectOptions {
  /** The target profile (a path; relative to the repository root). */
  target: string;
  /** The rule profile its rules are judged under. */
  profile: Profile;
  /** Flaws injected into the embedded server (an embedded target only). */
  flaws: string[];
}

/** A project's options as the fixtures see them: what its `use` sets, else the run's (config()). */
export function optionsOf(use: Partial<ProjectOptions> = {}): ProjectOptions {
  const run = config().run;
  return {
    target: path.resolve(ROOT, use.target ?? run.targets[0]),
    profile: use.profile ?? run.profile,
    flaws: use.flaws ?? run.flaws,
  };
}

/** The run's projects: one per target, named by the target profile's `name` (`-2`, `-3` on a repeat). */
export function runProjects(s: Pick<RunSettings, 'targets' | 'profile' | 'flaws'>): { name: string; use: ProjectOptions }[] {
  const seen = new Map<string, number>();
  return s.targets.map((target) => {
    let name = 'target';
    try { ({ name } = loadPlanTarget(target)); } catch { /* the CLI reported it; Playwright's run shows it again per test */ }
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { name: n > 1 ? `${name}-${n}` : name, use: { target, profile: s.profile, flaws: [...s.flaws] } };
  });
}

/**
 * The projects this run runs (`--project` applied). Playwright hands global setup the whole config;
 * it also records the selection (`filteredProjects`, not in its types), used when present.
 */
export function selectedProjects(c: FullConfig): { name: string; options: ProjectOptions }[] {
  const filtered = (c as FullConfig & { filteredProjects?: FullProject[] }).filteredProjects;
  return (filtered ?? c.projects).map((p) => ({ name: p.name, options: optionsOf(p.use as Partial<ProjectOptions>) }));
}
