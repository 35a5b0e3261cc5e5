from .errors import DISCONNECT_ERRORS, ClientGone, NOT_DISCONNECTS
