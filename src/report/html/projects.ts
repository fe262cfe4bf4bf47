/**
 * A run over several targets or configurations (Playwright projects): each project's scenarios apart.
 * Scenario ids repeat across projects, so a multi-project report scopes every anchor by project; a
 * one-project report keeps the plain `#s-<id>` anchors.
 */
import type { ScenarioRecord } from '../../results/results.js';

/** The projects of a run in first-seen order; one entry (undefined) when the run holds at most one. */
export function projectsOf(scenarios: Pick<ScenarioRecord, 'project'>[]): (string | undefined)[] {
  const names = [...new Set(scenarios.map((s) => s.project ?? ''))];
  return names.length > 1 ? names : [undefined];
}

/** The element id of a scenario's details: `s-<id>`, or `s-<project>/<id>` in a multi-project report. */
export const scenarioAnchor = (id: string, project?: string): string => `s-${project === undefined ? '' : `${project}/`}${id}`;
