# path: app/domains/connect/fakes/service.py
# A test double of the connect service, kept next to it: it mirrors the real service's
# contract for the tests (the real service's raise is the one to fix).
from fastapi import HTTPException


class FakeConnectService:
    def __init__(self, sources):
        self._sources = sources

    async def get_source(self, short_name: str):
        source = self._sources.get(short_name)
        if not source:
            raise HTTPException(status_code=404, detail=f"Source not found: {short_name}")
        return source
