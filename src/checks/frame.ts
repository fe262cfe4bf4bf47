/** Shared by the checks that judge a framed page of the server (BR-01). */

/**
 * Why a frame that ended on the harness's own page judges nothing: page-based rules judge pages of the
 * target only, and a server that renders no page here (it redirected straight to the redirect URI) has
 * none to frame.
 */
export const NO_SERVER_PAGE = 'the framed request showed no page of the server: it redirected straight to the redirect URI, '
  + 'and the frame ended on the harness\'s own stand-in for the client, which is not judged';
