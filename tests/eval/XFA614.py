import fastapi
from fastapi import HTTPException, status
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.services import service


async def create():
    try:
        return await service.create()
    except RuntimeError as e:
        raise HTTPException(status_code=500, detail=str(e))  # error: XFA614:15
    except ValueError as exc:
        raise HTTPException(status.HTTP_502_BAD_GATEWAY, f"upstream failed: {exc}")  # error: XFA614:15
    except KeyError as err:
        raise fastapi.HTTPException(status_code=503, detail=err) from err  # error: XFA614:15
    except OSError as e:
        try:
            pass
        except Exception:
            raise StarletteHTTPException(status_code=500, detail=repr(e))  # error: XFA614:19


# near misses
async def update():
    try:
        return await service.update()
    except LookupError as e:
        raise HTTPException(status_code=404, detail=str(e))
    except ValueError as e:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=f"{e}")
    except RuntimeError as e:
        raise HTTPException(status_code=500, detail="Internal server error") from e
    except OSError:
        raise HTTPException(status_code=500, detail=str(service.last_error))
    except TimeoutError as e:
        code = 500
        raise HTTPException(status_code=code, detail=str(e))


def outside(e: Exception):
    raise HTTPException(status_code=500, detail=str(e))


async def nested():
    try:
        pass
    except Exception as e:
        def later():
            raise HTTPException(status_code=500, detail=str(e))
        return later
