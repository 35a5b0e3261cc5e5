# path: sandbox_daemon/server.py
# precision review (seventh reading, onyx): a sandbox sidecar whose routes first verify an
# Ed25519 request signature; only the backend holding the signing key reads ``detail``
from fastapi import FastAPI, Header, HTTPException

from sandbox_daemon.snapshot import SnapshotError, create_archive

app = FastAPI(docs_url=None, redoc_url=None)


def _verify_signature(path: str, digest: str, signature: str, timestamp: str) -> None:
    ...


@app.post("/opencode-history")
async def create_history(x_push_signature: str = Header(...), x_push_timestamp: str = Header(...)):
    _verify_signature("/opencode-history", "", x_push_signature, x_push_timestamp)
    try:
        return await create_archive()
    except SnapshotError as e:
        raise HTTPException(status_code=500, detail=f"opencode history create failed: {e}")


@app.post("/unsigned")
async def unsigned(x_push_signature: str = Header(...)):
    try:
        return await create_archive()
    except SnapshotError as e:
        raise HTTPException(status_code=500, detail=f"create failed: {e}")  # error: XFA614:15 "500"


@app.post("/verified-after")
async def verified_after(x_push_signature: str = Header(...)):
    try:
        return await create_archive()
    except SnapshotError as e:
        raise HTTPException(status_code=500, detail=str(e))  # error: XFA614:15
    finally:
        _verify_signature("/verified-after", "", x_push_signature, "0")
