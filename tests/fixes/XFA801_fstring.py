# path: app/services/orders.py
import logging

logger = logging.getLogger(__name__)


def place(order, user) -> None:
    logger.info(f"order {order.id} placed by {user!r} (100% paid)")
    logger.log(logging.WARNING, f"slow order {order.id}")
    logger.debug(f"total {order.total:.2f}")


def failed(params, e) -> None:
    try:
        params.send()
    except OSError:
        logger.warning(f"Error in sending {params['type']}: {e}")
