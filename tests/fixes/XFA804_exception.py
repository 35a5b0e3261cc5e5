# path: app/services/orders.py
import logging

logger = logging.getLogger(__name__)


def place(order) -> bool:
    try:
        order.save()
    except OSError:
        logger.error("could not save order %s", order.id)
        return False
    return True


def place_or_raise(order) -> None:
    # re-raised: the traceback goes on with the exception; the rule does not report it,
    # so the fixer leaves it alone
    try:
        order.save()
    except OSError:
        logger.error("could not save order %s", order.id)
        raise


def place_logged(order) -> None:
    # the traceback is already logged once in this block
    try:
        order.save()
    except OSError as e:
        logger.exception(e)
        logger.error("could not save order %s", order.id)
