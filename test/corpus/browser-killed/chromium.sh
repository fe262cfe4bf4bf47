#!/bin/sh
# A browser that dies mid-run: starts the real Chromium (OC_REAL_CHROMIUM), then SIGKILLs it after
# OC_KILL_AFTER seconds. exec keeps the PID, so the kill hits Chromium's main process.
( sleep "${OC_KILL_AFTER:-4}"; kill -9 $$ ) &
exec "$OC_REAL_CHROMIUM" "$@"
