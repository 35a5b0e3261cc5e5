# path: app/services/media.py
# precision review (reading 4): expected failures logged with the caught exception (the
# error text is the whole story) and bad input to a conversion keep no traceback to lose
import json
import logging
import os
import subprocess
import tomllib
from json import JSONDecodeError

import httpx
import requests
from fastapi import HTTPException
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


def cleanup(paths: list[str], stats_file: str) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError as e:
            logger.error(f"Failed to delete {path}: {e}")
    try:
        with open(stats_file, "w") as f:
            f.write("")
    except (PermissionError, FileNotFoundError) as err:
        logger.error("stats.clear_failed", extra={"error": str(err)})
    try:
        os.unlink(stats_file)
    except OSError:
        logger.error("Failed to delete the stats file")  # error: XFA804:9


def load(path: str, raw: str) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        logger.error("Cannot parse %s: %s", path, e)
    try:
        return json.loads(raw)
    except JSONDecodeError as e:
        logger.error(f"invalid JSON in {path}: {e}")
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        logger.error(f"invalid JSON in {path}, returning {{}}")  # error: XFA804:9
    try:
        import rknn  # noqa: F401
    except ImportError as e:
        logger.error(f"RKNN toolkit not found: {e}")
    return {}


def build(cmd: list[str]) -> int:
    try:
        subprocess.run(cmd, check=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        logger.error(f"Aborting due to a critical error: {e}")
        return 1
    try:
        subprocess.run(cmd, check=True)
    except (subprocess.CalledProcessError, RuntimeError) as e:
        logger.error(f"Aborting: {e}")  # error: XFA804:9
        return 1
    return 0


def delete_stream(name: str, client: httpx.Client) -> JSONResponse:
    try:
        requests.delete(f"http://go2rtc/api/streams?src={name}", timeout=5)
    except requests.RequestException as e:
        logger.error(f"Error communicating with go2rtc: {e}")
        return JSONResponse({"success": False}, status_code=500)
    try:
        client.delete(f"/streams/{name}")
    except httpx.HTTPError as e:
        logger.error("stream.delete_failed: %s", e)
        raise HTTPException(status_code=502, detail="upstream failed") from e
    try:
        client.delete(f"/streams/{name}")
    except httpx.HTTPError:
        logger.error("stream.delete_failed")  # error: XFA804:9
    return JSONResponse({"success": True})


def suspend(payload: str, config) -> int:
    try:
        duration = int(payload)
    except ValueError:
        logger.error(f"Invalid suspension duration: {payload}")
        return 0
    try:
        duration = int(config.parse(payload))
    except ValueError:
        logger.error(f"Invalid suspension duration: {payload}")  # error: XFA804:9
        return 0
    try:
        duration = int(payload)
        config.apply(duration)
    except (TypeError, ValueError):
        logger.error(f"Invalid suspension duration: {payload}")  # error: XFA804:9
        return 0
    try:
        config.apply(payload)
    except ValueError as e:
        logger.error("suspend.failed: %s", e)  # error: XFA804:9
    try:
        config.apply(payload)
    except Exception as e:
        logger.error("suspend.failed: %s", e)  # error: XFA804:9
    return duration
