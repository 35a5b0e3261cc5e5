# path: app/clients/weather.py
# near miss of XFA101_sequential_program.py: asyncio.run outside a __main__ block (a function
# other code calls) does not make the module a program, so its coroutines may run in a server
import asyncio

import requests


async def forecast(city: str) -> dict:
    return requests.get(f"https://weather.example/{city}").json()  # error: XFA101:12 "requests.get"


def forecast_sync(city: str) -> dict:
    return asyncio.run(forecast(city))
