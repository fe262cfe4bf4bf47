/**
 * Normative levels and profiles. A profile changes the level a rule is judged at, never the
 * scenario: RFC 6749, the Security BCP (RFC 9700) and the OAuth 2.1 draft disagree on several rules
 * (CATALOG B.0), so each check states its level per profile.
 */
export const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const;
export type Level = (typeof LEVELS)[number];

export const PROFILES = ['rfc6749', 'rfc9700', 'oauth2.1', 'fapi2'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'rfc9700';

export const PROFILE_TITLES: Record<Profile, string> = {
  rfc6749: 'RFC 6749 (OAuth 2.0, 2012)',
  rfc9700: 'RFC 9700 (OAuth 2.0 Security Best Current Practice, 2025)',
  'oauth2.1': 'OAuth 2.1 (draft-ietf-oauth-v2-1)',
  fapi2: 'FAPI 2.0 Security Profile (final, 2025): PAR, PKCE S256, sender-constrained tokens',
};

export type LevelByProfile = Level | { [P in Profile]?: Level } & { default: Level };

/** The level a rule has under a profile. */
export function levelFor(level: LevelByProfile, profile: Profile): Level {
  return typeof level === 'string' ? level : (level[profile] ?? level.default);
}

/** Strictness order, strictest first. */
export function stricter(a: Level, b: Level): Level {
  return LEVELS.indexOf(a) <= LEVELS.indexOf(b) ? a : b;
}
