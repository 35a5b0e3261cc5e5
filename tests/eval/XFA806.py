import logging

import structlog
from app.core.logging import logger as app_logger

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


def login(user, password: str, request, token: str, settings) -> None:
    logger.info("auth.login", extra={"username": user.name, "password": password})  # error: XFA806:5
    logger.info("auth.login %s", password)  # error: XFA806:5 "password"
    logger.info(f"login with {user.password}")  # error: XFA806:5
    logger.debug("headers %s" % request.headers["Authorization"])  # error: XFA806:5
    logger.info("token {}".format(token))  # error: XFA806:5
    logger.info("auth", extra={"access_token": token})  # error: XFA806:5
    slog.info("auth.login", api_key=settings.API_KEY)  # error: XFA806:5
    app_logger.warning("key %s", settings.SECRET_KEY)  # error: XFA806:5
    logger.info("auth %s", (user.email, password))  # error: XFA806:5
    logger.info("hdr " + request.headers["x-api-key"])  # error: XFA806:5


def near_misses(user, token: str, token_type: str, settings, max_tokens: int) -> None:
    logger.info("password reset requested", extra={"user_id": user.id})
    logger.info("auth.token", extra={"token_type": token_type, "expires": user.token_expires_at})
    logger.info("llm.call", extra={"max_tokens": max_tokens})
    logger.info("auth.token %s", token[:6])
    logger.info("auth.token %s", mask(token))  # noqa: F821
    logger.info("auth.reset %s", settings.password_reset_url)
    logger.info("auth.login", exc_info=True)
