# path: app/connectors/drive_sync.py
# precision review (reading 5): names that are no credential by what they are bound to — a
# pagination cursor, a ContextVar token — or by a head word saying the value was made safe
import contextvars
import logging

import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()
_request_var: contextvars.ContextVar[object] = contextvars.ContextVar("request")


def start_sync(service, response: dict, oauth_token: str, page) -> str:
    token = response.get("startPageToken")
    logger.info(f"sync.start_page {token}")
    token = response.get("nextPageToken") or response.get("next_page_token")
    if token:
        logger.info("sync.next_page %s", token)
    token = page.next_cursor
    logger.info("sync.cursor", extra={"token": token})
    masked_token = "*" * (len(oauth_token) - 4) + oauth_token[-4:]
    logger.debug("sync.auth using %s", masked_token)
    short_token = oauth_token[:4] + "..." + oauth_token[-4:]
    slog.info("sync.auth", token=short_token)
    token = response.get("page_info", {}).get("access_token")
    logger.info("sync.auth %s", token)  # error: XFA806:5 "token"
    token = service.refresh(oauth_token)
    logger.info("sync.auth %s", token)  # error: XFA806:5
    slog.info("sync.auth", token=oauth_token)  # error: XFA806:5 "token="
    return token


def enter(request: object) -> None:
    token = _request_var.set(request)
    logger.debug("request.scope entered (token=%s)", token)
    _request_var.reset(token)
