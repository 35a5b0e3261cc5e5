from app.core.logging import get_plain_logger
from app.core.registry import registry_logger
from app.core.structured import get_struct_logger
from app.core.structured import log as slog
from app.log import log
from app.services.base import BaseService

plain = get_plain_logger(__name__)
struct = get_struct_logger(__name__)


class UserService(BaseService):
    def create(self, user_id: int, email: str, token: str | None) -> None:
        self.logger.info(f"creating user {user_id}")  # error: XFA801:9
        self.logger.info("user.created", user_id=user_id)  # error: XFA802:42
        self.logger.info("user.auth", extra={"has_token": token is not None})
        try:
            self.save(user_id)
        except ValueError:
            self.logger.error("user.create_failed")  # error: XFA804:13
        try:
            self.save(user_id)
        except ValueError as e:
            self.logger.exception(e)
            self.logger.error("user.create_failed")

    def save(self, user_id: int) -> None:
        plain.info("user %s saved" % user_id)  # error: XFA801:9


def near_misses(user_id: int) -> None:
    # the loguru logger re-exported as ``log``, structlog loggers, an unknown logger
    log.info("user.created", user_id=user_id)
    log.info(f"user {user_id} created")
    slog.info("user.created", user_id=user_id)
    struct.info("user.created", user_id=user_id)
    struct.info(f"user {user_id} created")
    registry_logger.info("user.created", user_id=user_id)
    registry_logger.info(f"user {user_id} created")
    try:
        user_id += 1
    except ValueError:
        registry_logger.error("user.failed")
