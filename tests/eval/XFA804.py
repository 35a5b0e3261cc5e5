import logging
import traceback

import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


def handler(order_id: int) -> None:
    try:
        submit(order_id)
    except ValueError as e:
        logger.error("payment.failed: %s", e)  # error: XFA804:9
        if order_id:
            logging.error("payment.failed")  # error: XFA804:13
    try:
        submit(order_id)
    except* KeyError:
        logger.error("payment.failed")  # error: XFA804:9
    try:
        submit(order_id)
    except (TypeError, OSError):
        slog.error("payment.failed", order_id=order_id)  # error: XFA804:9


def near_misses(order_id: int, kw: dict) -> None:
    try:
        submit(order_id)
    except ValueError:
        logger.error("payment.failed", exc_info=True)
        logger.error("payment.failed", exc_info=False)
        logger.exception("payment.failed")
        logger.error("payment.failed", **kw)

        def later() -> None:
            logger.error("payment.failed")
    else:
        logger.error("not in the handler")
    finally:
        logger.error("not in the handler")
    logger.error("payment.failed")
    try:
        submit(order_id)
    except ValueError:
        unknown.error("payment.failed")  # noqa: F821


# precision review: the message already carries the traceback
def load_plugin(name: str) -> None:
    import traceback

    try:
        submit(name)  # noqa: F821
    except Exception:
        logger.error(f"Failed to load plugin {name}: {traceback.format_exc()}")
    try:
        submit(name)  # noqa: F821
    except Exception as e:
        logger.error("plugin.failed", extra={"tb": "".join(traceback.format_exception(e))})
    try:
        submit(name)  # noqa: F821
    except Exception as e:
        logger.error(f"Failed to load plugin {name}: {e}")  # error: XFA804:9


def report_with_formatted_traceback(job):
    try:
        job()
    except Exception as exc:
        formatted = "".join(traceback.format_exception(exc))
        logger.error(formatted)


def report_with_other_text(job):
    try:
        job()
    except Exception:
        formatted = "job failed"
        logger.error(formatted)  # error: XFA804:9
