# path: app/core/config.py
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    # key names whose values the log formatter masks: not a secret
    log_config_secret_patterns: str = "password,token,secret"
    redacted_token_keys: str = "access_token,refresh_token"
    api_key: str = "sk-live-123"  # error: XFA610:20 "api_key"
