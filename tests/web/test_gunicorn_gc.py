"""gunicorn's hooks for the garbage collector (issue 9): configured, and doing what
they say in a worker. Not timed: bench/web_latency.py measures what they are worth."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from gunicorn.config import Config

import followup.web.gunicorn_conf as conf


@pytest.fixture
def collector() -> Iterator[None]:
    """The test process's collector as it was, afterwards."""
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def gunicorn_config() -> Config:
    """The settings as gunicorn reads them from the module (`-c python:...`)."""
    config = Config()
    for name in ("post_fork", "post_worker_init"):
        config.set(name, getattr(conf, name))
    return config


def test_a_new_worker_collects_its_young_objects_less_often(collector: None) -> None:
    gc.set_threshold(700, 10, 10)
    gunicorn_config().post_fork(None, None)
    assert gc.get_threshold() == (50_000, 20, 100)


def test_a_worker_freezes_what_it_loaded(collector: None) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    gunicorn_config().post_worker_init(None)
    # Everything alive once the application is loaded: Django and the test run here.
    assert gc.get_freeze_count() > 10_000
