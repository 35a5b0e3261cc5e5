# path: tests/unit/test_tasks.py
from datetime import datetime, timedelta
from unittest.mock import MagicMock


def test_pending_tasks():
    now = datetime.now()
    task = MagicMock(start_at=now - timedelta(minutes=5), updated_at=datetime.today())
    assert task.start_at < now


def test_deprecated_calls_still_count(ts: float):
    created = datetime.utcnow()  # error: XFA411:15 "datetime.utcnow"
    parsed = datetime.utcfromtimestamp(ts)  # error: XFA411:14
    assert parsed <= created
