# path: app/services/jobs.py
# loggers this module builds in other ways than logging.getLogger(__name__)
import logging
from logging import Logger

import structlog
from celery.utils.log import get_task_logger

task_log = get_task_logger(__name__)
constructed = logging.Logger("jobs")
adapter = logging.LoggerAdapter(logging.getLogger(__name__), {"job": "x"})
typed: Logger = make_logger()  # noqa: F821


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)


def build_logger(name: str):
    base = logging.getLogger(name)
    base.setLevel(logging.INFO)
    return base


def either_logger(name: str, structured: bool):
    if structured:
        return structlog.get_logger(name)
    return logging.getLogger(name)


def maybe_cached(name: str):
    if name in _CACHE:  # noqa: F821
        return _CACHE[name]  # noqa: F821
    return logging.getLogger(name)


wrapped = get_logger(__name__)
built = build_logger(__name__)
mixed = either_logger(__name__, True)
cached = maybe_cached(__name__)


class BaseJob:
    log = logging.getLogger("jobs.base")

    def __init__(self, logger: logging.Logger | None = None, sink=None) -> None:
        self.logger = logger or logging.getLogger(__name__)
        self.sink = sink
        self.late = None

    def setup(self) -> None:
        self.late = logging.getLogger("jobs.late")
        self.sink = structlog.get_logger()


class EmailJob(BaseJob):
    def run(self, to: str) -> None:
        self.logger.info(f"sending to {to}")  # error: XFA801:9
        self.log.info(f"sending to {to}")  # error: XFA801:9
        self.late.info(f"sending to {to}")  # error: XFA801:9
        self.sink.info(f"sending to {to}")  # assigned a parameter and a structlog logger: unknown


def run(job_id: int) -> None:
    task_log.info(f"job {job_id}")  # error: XFA801:5
    constructed.info(f"job {job_id}")  # error: XFA801:5
    adapter.info(f"job {job_id}")  # error: XFA801:5
    typed.info(f"job {job_id}")  # error: XFA801:5
    wrapped.info(f"job {job_id}")  # error: XFA801:5
    built.info(f"job {job_id}")  # error: XFA801:5
    get_logger("x").info(f"job {job_id}")  # error: XFA801:5
    mixed.info(f"job {job_id}")
    cached.info(f"job {job_id}")
    local = get_logger(__name__).getChild("run")
    local.info(f"job {job_id}")  # error: XFA801:5


def near_misses(job_id: int, logger=None) -> None:
    fallback = logger or structlog.get_logger()
    fallback.info(f"job {job_id}")
    logger.info(f"job {job_id}")
