from app.core.logging import get_logger


class BaseService:
    def __init__(self) -> None:
        self.logger = get_logger(__name__)
