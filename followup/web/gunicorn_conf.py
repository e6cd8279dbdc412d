"""gunicorn settings for a hosted followup: `gunicorn -c python:followup.web.gunicorn_conf
followup.web.wsgi`. Each value can be changed through the environment.

A request that runs longer than `timeout` seconds has its worker restarted, so one
user's huge journal can't hold a worker for good; `graceful_timeout` lets a
restarting worker finish what it is sending.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("FOLLOWUP_BIND", "127.0.0.1:8000")
workers = _int("FOLLOWUP_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9))
threads = _int("FOLLOWUP_THREADS", 2)
timeout = _int("FOLLOWUP_WORKER_TIMEOUT", 30)
graceful_timeout = _int("FOLLOWUP_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Bounds on what a client may send before Django sees it (bytes of the request line,
# header count and size): the same limits as gunicorn's defaults, written down.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# The TLS proxy is the only client; its X-Forwarded-* headers are trusted from it alone.
forwarded_allow_ips = os.environ.get("FOLLOWUP_PROXY_ADDRESSES", "127.0.0.1")
accesslog = "-"

# The garbage collector. A worker holds Django, the URL patterns, the templates and
# the planner's tables for its whole life; without this, every full collection walks
# all of them again, which showed as the slow tail of Today (p95 well above p50).
# Once the application is loaded, what is alive is moved out of the collector's reach
# (gc.freeze), and the young generation is collected less often: a page makes tens of
# thousands of short-lived objects, and most collections found nothing to free.
GC_THRESHOLDS = (50_000, 20, 100)


def post_fork(server: Any, worker: Any) -> None:
    """In each new worker: fewer collections of the objects a request makes."""
    gc.set_threshold(*GC_THRESHOLDS)


def post_worker_init(worker: Any) -> None:
    """In each worker, after it has loaded the application: freeze what is there."""
    gc.collect()
    gc.freeze()
