"""gunicorn settings for production (`gunicorn -c config/gunicorn.py config.wsgi`).

Every value can be overridden with the usual GUNICORN_* / WEB_* environment variables.
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
# Few processes with several threads each: a page spends part of its time waiting for
# PostgreSQL, and measured on 2 cores (benchmarks/RESULTS.md) 3 x 8 kept the slowest
# requests far shorter than 5 x 2 or 5 x 4 under the same load.
workers = int(os.environ.get("WEB_WORKERS", str(multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("WEB_THREADS", "8"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "wegweiser"
