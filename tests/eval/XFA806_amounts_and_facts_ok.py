# path: app/services/auth.py
# precision review (reading 4): LLM token amounts, and secret-named keys whose value is a
# fact about the secret (decoded claims, an id), are not the secret
import logging

import jwt
import structlog

logger = logging.getLogger(__name__)
slog = structlog.get_logger()


def price(config, usage) -> None:
    cost_per_token = config.input_cost_per_token
    logger.debug(f"Using custom cost per token: {cost_per_token}")
    logger.info("llm.cost", extra={"output_cost_per_token": config.output_cost_per_token})
    slog.info("llm.limits", max_token=usage.max_token)
    logger.info("llm.usage: %s", usage.prompt_tokens)


def refresh(refresh_token: str, token_id: str, e: Exception, refresh_token_value: str) -> None:
    refresh_token_payload = jwt.decode(refresh_token, options={"verify_signature": False})
    logger.info("auth.refresh_failed", extra={"refresh_token": refresh_token_payload, "error": str(e)})
    slog.info("auth.refresh_failed", token=token_id)
    logger.info("auth.refresh_failed", extra={"refresh_token": refresh_token})  # error: XFA806:5
    logger.info("auth.refresh_failed", extra={"refresh_token": refresh_token_value})  # error: XFA806:5
    slog.info("auth.refresh_failed", token=refresh_token)  # error: XFA806:5 "token="
    logger.info(f"auth.refresh_failed {refresh_token}")  # error: XFA806:5
    logger.info("auth.refresh_failed %s", refresh_token_payload)
