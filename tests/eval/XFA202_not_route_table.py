# path: app/services/plugin_service.py
# add_api_route on something that is no app or router: still a service.
from fastapi import Request  # error: XFA202:1 "fastapi"


def remember(catalog, request: Request) -> None:
    catalog.add_api_route(request.url.path, None)
