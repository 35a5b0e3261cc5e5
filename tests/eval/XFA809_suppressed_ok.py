# path: app/api/filters.py
# precision review (reading 5): a catch another linter's warning was silenced for, on the
# except line, was kept on purpose; an unrelated directive says nothing
import json


def parse_filters(raw: str, state) -> dict:
    filters: dict = {}
    try:
        filters = json.loads(raw)
    except Exception:  # pylint: disable=broad-exception-caught
        pass
    try:
        filters = json.loads(raw)
    except:  # pylint: disable=bare-except
        pass
    try:
        filters["owner"] = state.user_email
    except Exception:  # noqa: BLE001
        pass
    try:
        filters["team"] = state.team
    except Exception:  # nosec B110
        pass
    try:
        filters["team"] = state.team
    except Exception:  # pylint: disable=too-many-branches  # error: XFA809:5
        pass
    try:
        filters["team"] = state.team
    except Exception:  # noqa: E501  # error: XFA809:5
        pass
    try:
        filters["team"] = state.team
    except Exception:  # error: XFA809:5
        pass  # pylint: disable=broad-exception-caught
    return filters
