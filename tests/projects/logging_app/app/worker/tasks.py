from celery.utils.log import get_task_logger

logger = get_task_logger(__name__)


def send_email(task_id: str) -> None:
    logger.info("task.done", task_id=task_id)  # error: XFA802:30
