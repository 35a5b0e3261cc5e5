import datetime
import datetime as dt
from datetime import UTC, date, timezone
from datetime import datetime as DateTime

import pendulum


def stamps(ts: float):
    a = datetime.datetime.utcnow()  # error: XFA411:9 "datetime.datetime.utcnow"
    b = DateTime.utcnow()  # error: XFA411:9
    c = dt.datetime.utcfromtimestamp(ts)  # error: XFA411:9
    d = DateTime.now()  # error: XFA411:9
    e = datetime.datetime.today()  # error: XFA411:9
    f = DateTime.now(tz=None)  # error: XFA411:9
    return [a, b, c, d, e, f]


def aware(ts: float, tz: datetime.tzinfo):
    DateTime.now(UTC)
    DateTime.now(timezone.utc)
    DateTime.now(tz=timezone.utc)
    DateTime.now(tz)
    datetime.datetime.now(datetime.timezone.utc)
    DateTime.fromtimestamp(ts, UTC)
    date.today()
    datetime.date.today()
    pendulum.now()
    DateTime.now(**{"tz": UTC})
    expires = DateTime.now().timestamp() + 60
    label = f"export {DateTime.now().strftime('%Y-%m-%d')}"
    year = datetime.datetime.today().year
    return expires, label, year


def utc_timestamps():
    return DateTime.utcnow().timestamp()  # error: XFA411:12


class Model:
    created_at_default = DateTime.utcnow  # referenced, not called


class Clock:
    def now(self):
        return 0

    def utcnow(self):
        return self.now()
