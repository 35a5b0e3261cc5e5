# path: app/services/payments.py
# an except block that keeps the traceback another way: logged once already, or re-raised
import logging
import traceback

import httpx
from fastapi import HTTPException
from loguru import logger as loguru_logger

logger = logging.getLogger(__name__)
log = logging.getLogger("payments.audit")


class PaymentError(Exception):
    pass


def logged_once_already(order_id: int) -> None:
    try:
        submit(order_id)  # noqa: F821
    except ValueError as e:
        log.exception(e)
        logger.error("payment.failed")
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        logger.error("payment.failed")
        logger.exception("payment.failed.detail")
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        log.warning("payment.failed", exc_info=True)
        logger.error("payment.failed")
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        traceback.print_exc()
        logger.error("payment.failed")
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        loguru_logger.opt(exception=True).error("payment.failed")
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        loguru_logger.opt(exception=False).error("payment.failed")  # error: XFA804:9
        loguru_logger.opt(colors=True).error("payment.failed")  # error: XFA804:9


def still_dropped(order_id: int, task) -> None:
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        log.warning("payment.failed", exc_info=False)
        logger.error("payment.failed")  # error: XFA804:9
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        task.exception()  # a future's exception(), not a log call
        logger.error("payment.failed")  # error: XFA804:9
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        logger.error("payment.failed")  # error: XFA804:9
        try:
            rollback(order_id)  # noqa: F821
        except OSError:
            logger.exception("rollback.failed")  # another exception's traceback


def reraised(order_id: int, client: httpx.Client, retry: bool) -> None:
    try:
        client.post("/charge", json={"id": order_id})
    except httpx.HTTPError as e:
        logger.error("payment.upstream_failed: %s", e)
        raise PaymentError("upstream failed") from e
    try:
        client.post("/charge", json={"id": order_id})
    except (httpx.TimeoutException, TimeoutError) as e:
        logger.error("payment.upstream_timeout: %s", e)
        raise HTTPException(status_code=504, detail="upstream timed out") from e
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        logger.error("payment.failed")
        raise
    try:
        submit(order_id)  # noqa: F821
    except ValueError as e:
        logger.error("payment.failed")
        raise e
    try:
        submit(order_id)  # noqa: F821
    except ValueError as e:
        logger.error("payment.failed")
        raise PaymentError("invalid order") from e


def not_reraised(order_id: int, client: httpx.Client, retry: bool) -> None:
    try:
        submit(order_id)  # noqa: F821
    except ValueError as e:
        # FastAPI answers an HTTPException and logs no traceback: it is lost here
        logger.error("payment.failed: %s", e)  # error: XFA804:9
        raise HTTPException(status_code=400, detail="invalid order") from e
    try:
        submit(order_id)  # noqa: F821
    except ValueError as e:
        logger.error("payment.failed: %s", e)  # error: XFA804:9
        raise PaymentError("invalid order") from None
    try:
        submit(order_id)  # noqa: F821
    except ValueError:
        logger.error("payment.failed")  # error: XFA804:9
        if retry:
            raise
    try:
        client.post("/charge", json={"id": order_id})
    except httpx.HTTPError as e:
        # an expected network error logged with its text: nothing is lost (reading 4)
        logger.error("payment.upstream_failed: %s", e)
        return None
    try:
        client.post("/charge", json={"id": order_id})
    except httpx.HTTPError:
        logger.error("payment.upstream_failed")  # error: XFA804:9
        return None
