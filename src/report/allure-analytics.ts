/**
 * Allure 3's page template loads Google Analytics unconditionally (plugin-awesome sets
 * `analyticsEnable: true`); the harness has no telemetry and its reports open offline, so the
 * generated page is stripped of that script and of its inline configuration.
 */
export function withoutAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*src="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>/g, '')
    .replace(/<script>(?:(?!<\/script>)[\s\S])*?\bgtag\((?:(?!<\/script>)[\s\S])*?<\/script>/g, '');
}

/** Script sources the page would fetch from the network (none, once stripped). */
export const remoteScripts = (html: string): string[] => [...html.matchAll(/<script[^>]*\bsrc="(https?:[^"]*)"/g)].map((m) => m[1]);
