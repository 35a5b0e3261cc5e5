import fastapi
from fastapi import HTTPException, status
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.services import service


async def create():
    try:
        return await service.create()
    except RuntimeError as e:
        raise HTTPException(status_code=500, detail=str(e))  # error: XFA614:15 "500"
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


from http import HTTPStatus  # noqa: E402


async def corpus_shapes():
    try:
        pass
    except Exception as exc:
        raise HTTPException(  # error: XFA614:15
            status_code=HTTPStatus.INTERNAL_SERVER_ERROR, detail=str(exc)
        ) from exc
    except ValueError as ex:
        raise HTTPException(500, detail={"error": f"failed: {ex}"})  # error: XFA614:15
    except KeyError as ex:
        raise HTTPException(503, detail=ErrorResponse.respond(message="x", exception=str(ex)))  # error: XFA614:15
    except OSError as ex:
        raise HTTPException(HTTPStatus.BAD_REQUEST, detail=str(ex))
    except TypeError as ex:
        raise HTTPException(500, detail=ErrorResponse.respond(message="x", exception=ex.__class__.__name__))


ERROR_MESSAGES = {"timeout": "The provider timed out", "quota": "The provider quota is exhausted"}


async def fixed_messages():
    try:
        pass
    except RuntimeError as e:
        raise HTTPException(status_code=502, detail=ERROR_MESSAGES.get(str(e), "Provider error"))
    except ValueError as e:
        raise HTTPException(status_code=500, detail=ERROR_MESSAGES[str(e)])
    except KeyError as e:
        raise HTTPException(status_code=500, detail={"error": ERROR_MESSAGES.get(str(e), "Internal error")})
    except OSError as e:
        raise HTTPException(status_code=500, detail=f"failed: {ERROR_MESSAGES.get(str(e), 'unknown')}")
    except TimeoutError as e:
        raise HTTPException(status_code=502, detail=ERROR_MESSAGES.get(str(e), str(e)))  # error: XFA614:15
