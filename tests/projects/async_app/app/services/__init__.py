from .notify import notify, notify_later

__all__ = ["notify", "notify_later"]
