# select: XFA611
# path: app/services/cache.py
import os
from os import environ, getenv

REDIS_URL = os.getenv("REDIS_URL")  # error: XFA611:13 "os.getenv"
HOST = os.environ["HOST"]  # error: XFA611:8
PORT = os.environ.get("PORT", "8000")  # error: XFA611:8
USER = environ.get("USER")  # error: XFA611:8
HOME = getenv("HOME")  # error: XFA611:8


def region() -> str:
    return environ["REGION"]  # error: XFA611:12


# near misses
os.environ["WRITTEN"] = "1"
del os.environ["WRITTEN"]
os.environ.setdefault("TZ", "UTC")
settings = {"environ": {}}
value = settings["environ"]
