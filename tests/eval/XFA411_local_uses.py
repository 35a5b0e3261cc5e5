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


def date_range(last_run: DateTime | None) -> tuple[str, str]:
    # read only through .strftime(): today's local date, as date.today() would give
    end = DateTime.now()
    start = DateTime.now() - timedelta(days=30)
    if last_run is not None:
        start = last_run
    return start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")


def escapes(rows: list) -> list:
    now = DateTime.now()  # error: XFA411:11
    label = now.strftime("%H:%M")
    return [row for row in rows if row.created < now] + [label]


def stamp_utc() -> str:
    moment = DateTime.utcnow()  # error: XFA411:14
    return moment.strftime("%H:%M")


class CachedRates:
    # an in-process reload timer: set from now(), only ever subtracted from now()
    def __init__(self, ttl_minutes: int):
        self.rates = {}
        self.loaded_at = DateTime.now()
        self.ttl = timedelta(minutes=ttl_minutes)

    def reload(self):
        self.rates = {}
        self.loaded_at = DateTime.now()

    def get(self):
        if DateTime.now() - self.loaded_at > self.ttl:
            self.reload()
        return self.rates


class ExposedStamp:
    def __init__(self):
        self.seen_at = DateTime.now()  # error: XFA411:24

    def age(self):
        return DateTime.now() - self.seen_at  # error: XFA411:16

    def payload(self) -> dict:
        return {"seen_at": self.seen_at.isoformat()}
