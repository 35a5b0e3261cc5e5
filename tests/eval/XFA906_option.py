# select: XFA906
# options: fastapi-bool-prefixes=is_|check_
def check_active(user: dict) -> bool:
    return True


def has_role(user: dict) -> bool:  # error: XFA906:1 "has_role"
    return True
