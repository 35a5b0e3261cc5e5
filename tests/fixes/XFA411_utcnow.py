# path: app/services/clock.py
import datetime as dt
from datetime import datetime


def stamps() -> tuple:
    return datetime.utcnow(), dt.datetime.utcnow(), datetime.utcfromtimestamp(0)
