"""gunicorn settings for My Review (see docs/deploying.md).

    gunicorn -c deploy/gunicorn.conf.py 'portal:create_app()'

Every setting can be changed by environment variable, so one file serves a
small council and a regional deployment alike.
"""

import os

bind = os.environ.get("MYREVIEW_BIND", "127.0.0.1:8000")
# Two sync workers a core: each request is short (mail goes in the background).
workers = int(os.environ.get("MYREVIEW_WORKERS", str(2 * (os.cpu_count() or 1))))
worker_class = "sync"
timeout = int(os.environ.get("MYREVIEW_WORKER_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart workers now and then, so no slow leak ever becomes an outage.
max_requests = 5000
max_requests_jitter = 500
# Only the reverse proxy may say who the client is (the app's ProxyFix reads
# MYREVIEW_TRUSTED_PROXIES for the same reason).
forwarded_allow_ips = os.environ.get("MYREVIEW_PROXY_ADDRESSES", "127.0.0.1")
accesslog = "-"
errorlog = "-"
# The path without its query string; link tokens in the path are replaced by "…"
# by the app's log filter (portal/log_redaction.py) before any line is written.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
