# path: app/services/orders.py
import logging

logger = logging.getLogger(__name__)


def place(order) -> None:
    try:
        order.save()
    except OSError:
        logger.exception("could not save order %s", order.id)
        raise
