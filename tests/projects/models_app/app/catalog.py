"""Fixed catalogs of the application, built once at import."""

SCOPES = ("team", "project")


def _build_roles() -> tuple[dict[str, list[dict[str, str]]], str]:
    roles = {scope: [{"role": "owner"}, {"role": "viewer"}] for scope in SCOPES}
    return roles, "builtin"


_ROLES, _SOURCE = _build_roles()
THEMES = [{"name": "light"}, {"name": "dark"}]


def roles_for(scope: str) -> list[dict[str, str]]:
    if scope not in SCOPES:
        return []
    return _ROLES[scope]


def theme_names() -> list[str]:
    return sorted(t["name"] for t in THEMES)


def recent_themes(store) -> list[str]:
    # reads what it is given: not a fixed catalog
    return store.recent()


def collected_themes(store) -> list[str]:
    # a local list filled at run time: not a fixed catalog
    found = []
    for theme in store.themes():
        found.append(theme)
    return found
