# path: tests/services/test_orders.py
import logging

logger = logging.getLogger(__name__)


def test_order(order_id: int = 1) -> None:
    logger.info(f"order {order_id}")
