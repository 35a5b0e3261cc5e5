# path: app/services/clock.py
import datetime as dt
from datetime import datetime, UTC


def stamps() -> tuple:
    return datetime.now(UTC), dt.datetime.now(dt.UTC), datetime.utcfromtimestamp(0)
