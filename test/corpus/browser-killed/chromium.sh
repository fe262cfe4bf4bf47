#!/bin/sh
# A browser that dies mid-run: starts the real Chromium (OC_REAL_CHROMIUM), then SIGKILLs it after
# OC_KILL_AFTER seconds. exec keeps this PID; Debian's chromium-headless-shell is itself a wrapper
# script, so the children of this PID (the real browser; not the killer itself) die too.
sh -c 'sleep "$1"; for p in $(pgrep -P "$2"); do [ "$p" = "$$" ] || kill -9 "$p"; done; kill -9 "$2"' killer "${OC_KILL_AFTER:-4}" "$$" &
exec "$OC_REAL_CHROMIUM" "$@"
