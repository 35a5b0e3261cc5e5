# path: src/auth/tokens.py
# A module name that does not mark a domain package: stay silent.
from ..users import service
