#!/bin/sh
# A browser that dies mid-run: starts the real Chromium (OC_REAL_CHROMIUM), then SIGKILLs it after
# OC_KILL_AFTER seconds. exec keeps this PID; Debian's chromium-headless-shell is itself a wrapper
# script, so its direct children (the real browser) are killed too.
( sleep "${OC_KILL_AFTER:-4}"; kill -9 $(pgrep -P $$) $$ 2>/dev/null ) &
exec "$OC_REAL_CHROMIUM" "$@"
