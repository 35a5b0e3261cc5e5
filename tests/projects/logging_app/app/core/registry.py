LOGGERS: dict = {}

registry_logger = LOGGERS["app"]
