# presence flags say whether a secret is there, not what it is
import logging

import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


def refresh(settings, token, refresh_token, has_token: bool) -> None:
    slog.info("auth.config", has_api_key=bool(settings.API_KEY))
    slog.info("auth.refresh", has_refresh_token=refresh_token is not None)
    slog.info("auth.refresh", is_token_valid=token.expires_at > 0, token_present=not not token)
    logger.info("auth.refresh", extra={"has_token": token is not None, "is_secret_set": bool(settings.SECRET)})
    logger.info("auth.refresh has_token=%s", has_token)
    logger.info("auth.refresh", extra={"api_key_set": isinstance(settings.API_KEY, str) and settings.API_KEY != ""})
    slog.info("auth.refresh", password=settings.password)  # error: XFA806:5 "password="
    slog.info("auth.refresh", has_api_key=settings.API_KEY)  # error: XFA806:5
    logger.info("auth.refresh", extra={"token": token, "has_token": True})  # error: XFA806:5
