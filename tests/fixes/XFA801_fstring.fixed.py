# path: app/services/orders.py
import logging

logger = logging.getLogger(__name__)


def place(order, user) -> None:
    logger.info("order %s placed by %r (100%% paid)", order.id, user)
    logger.log(logging.WARNING, "slow order %s", order.id)
    logger.debug(f"total {order.total:.2f}")


def failed(params, e) -> None:
    try:
        params.send()
    except OSError:
        logger.warning("Error in sending %s: %s", params['type'], e)
