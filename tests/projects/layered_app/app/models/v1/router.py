from app.models.v1.base import ScopedResponse


class MountedRoute(ScopedResponse):
    path: str


def mount_all(app, routes: list[MountedRoute]) -> None:
    # a function beside the classes: the file name still decides (a routes module)
    for route in routes:
        app.mount(route.path, None)
