import sqlite3
from sqlite3 import connect

import motor.motor_asyncio
import psycopg2
import pymongo
import pymysql
import redis
import redis.asyncio as aioredis
from pymongo import MongoClient
from redis import Redis, StrictRedis

cache = redis.Redis(host="localhost")
strict = StrictRedis.from_url("redis://localhost")
mongo = MongoClient("mongodb://localhost")
db_conn = sqlite3.connect("app.db")
async_cache = aioredis.Redis()
motor_client = motor.motor_asyncio.AsyncIOMotorClient("mongodb://localhost")


async def constructors():
    r = redis.Redis(host="localhost")  # error: XFA105:9 "redis"
    r2 = Redis.from_url("redis://x")  # error: XFA105:10
    client = pymongo.MongoClient()  # error: XFA105:14
    pg = psycopg2.connect("dbname=x")  # error: XFA105:10
    my = pymysql.connect(host="x")  # error: XFA105:10
    lite = connect("x.db")  # error: XFA105:12
    r.get("k")  # the constructor above is the finding
    return r2, client, pg, my, lite


async def module_level_clients(key: str):
    value = cache.get(key)  # error: XFA105:13
    strict.set(key, value)  # error: XFA105:5
    user = mongo.app.users.find_one({"_id": key})  # error: XFA105:12
    user2 = mongo["app"]["users"].find_one({"_id": key})  # error: XFA105:13
    rows = db_conn.execute("select 1").fetchall()  # error: XFA105:12
    return user, user2, rows


async def injected(r: Redis, ar: aioredis.Redis, other):
    r.get("k")  # error: XFA105:5
    await ar.get("k")
    other.get("k")


async def async_variants(key: str):
    await async_cache.get(key)
    await motor_client.app.users.find_one({"_id": key})
    r = aioredis.Redis()
    await r.get(key)
    c = aioredis.from_url("redis://x")
    await c.get(key)


def sync_usage(key: str):
    cache.get(key)
    return redis.Redis().get(key)


async def shadowed(cache):
    await cache.get("k")


async def rebound_locally():
    mongo = motor.motor_asyncio.AsyncIOMotorClient()
    await mongo.app.users.find_one({})
