#!/bin/sh
# OC_CHROMIUM for test/e2e/secrets-and-network.test.ts: the real Chromium (OC_REAL_CHROMIUM), writing
# its own net log (every host resolution and socket connect) to OC_NETLOG_DIR, one file per browser.
exec "$OC_REAL_CHROMIUM" --log-net-log="$OC_NETLOG_DIR/netlog-$$.json" --net-log-capture-mode=Default "$@"
