# path: app/services/clock.py
import datetime as dt
from datetime import datetime, timezone


def stamps() -> tuple:
    return datetime.now(timezone.utc), dt.datetime.now(dt.timezone.utc), datetime.utcfromtimestamp(0)
