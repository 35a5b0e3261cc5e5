# path: app/services/retention.py
import datetime
from datetime import UTC, timedelta, timezone
from datetime import datetime as DateTime


def cutoffs(days: int, rows: list):
    expire_after = (datetime.datetime.now() - datetime.timedelta(days=days)).timestamp()
    later = (DateTime.now() + timedelta(hours=1)).timestamp()
    swapped = (timedelta(hours=1) + DateTime.now()).timestamp()
    twice = (DateTime.now() - timedelta(days=1) - timedelta(hours=2)).timestamp()
    hour = DateTime.now().replace(minute=0, second=0, microsecond=0).astimezone(UTC)
    aware = DateTime.now().astimezone(UTC)
    local_aware = DateTime.now().astimezone()
    label = (DateTime.now() - timedelta(days=1)).strftime("%Y-%m-%d")
    return expire_after, later, swapped, twice, hour, aware, local_aware, label


def still_naive(days: int, stored: DateTime, offset: float):
    a = DateTime.now() - timedelta(days=days)  # error: XFA411:9 "DateTime.now"
    b = (DateTime.now() - stored).total_seconds()  # error: XFA411:10
    c = (stored - DateTime.now()).days  # error: XFA411:19
    d = DateTime.now().replace(tzinfo=timezone.utc)  # error: XFA411:9
    e = DateTime.now().replace(second=0)  # error: XFA411:9
    f = (DateTime.now() + offset).timestamp()  # error: XFA411:10
    g = DateTime.utcnow().astimezone(UTC)  # error: XFA411:9
    h = DateTime.now().replace(2024, 1, 1, 0, 0, 0, 0, timezone.utc).timestamp()  # error: XFA411:9
    i = (DateTime.now() - timedelta(days=1)).isoformat()  # error: XFA411:10
    return a, b, c, d, e, f, g, h, i
