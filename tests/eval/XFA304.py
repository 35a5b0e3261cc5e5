# path: app/routes/users.py
from fastapi import APIRouter

from app.other import shared_router

router = APIRouter()
admin = APIRouter()


@router.get("/users/{user_id}")
async def read_user(user_id: str) -> None: ...


@router.get("/users/me")  # error: XFA304:2 "/users/me"
async def read_me() -> None: ...


@router.get("/items/{item_id}/owner")
async def item_owner(item_id: int) -> None: ...


@router.get("/items/latest/owner")  # error: XFA304:2
async def latest_owner() -> None: ...


@router.api_route("/docs/{name}", methods=["GET", "POST"])
async def doc(name: str) -> None: ...


@router.post("/docs/search")  # error: XFA304:2
async def search_docs() -> None: ...


@router.get("/files/{file_path:path}")
async def read_file(file_path: str) -> None: ...


@router.get("/files/reports/today")  # error: XFA304:2
async def today_report() -> None: ...


@router.get("/orders/{order_id:int}")
async def read_order(order_id: int) -> None: ...


@router.get("/orders/42")  # error: XFA304:2
async def order_42() -> None: ...


@router.get("/archive/{name}.json")
async def archive(name: str) -> None: ...


@router.get("/archive/latest.json")  # error: XFA304:2
async def archive_latest() -> None: ...


@router.get("/teams/{team_id}/members/{member_id}")
async def member(team_id: str, member_id: str) -> None: ...


@router.get("/teams/{team}/members/me")  # error: XFA304:2
async def my_membership(team: str) -> None: ...


# near-misses: literal first (correct order)
@router.get("/projects/stats")
async def project_stats() -> None: ...


@router.get("/projects/{project_id}")
async def read_project(project_id: str) -> None: ...


# different methods
@router.get("/tags/{tag_id}")
async def read_tag(tag_id: str) -> None: ...


@router.delete("/tags/unused")
async def delete_unused_tags() -> None: ...


# different segment counts
@router.get("/stats/{day}")
async def stats_of_day(day: str) -> None: ...


@router.get("/stats/today/summary")
async def today_summary() -> None: ...


# typed converters that cannot match the literal
@router.get("/invoices/{invoice_id:int}")
async def read_invoice(invoice_id: int) -> None: ...


@router.get("/invoices/pending")
async def pending_invoices() -> None: ...


@router.get("/events/{event_id:uuid}")
async def read_event(event_id: str) -> None: ...


@router.get("/events/upcoming")
async def upcoming_events() -> None: ...


@router.get("/prices/{amount:float}")
async def price(amount: float) -> None: ...


@router.get("/prices/cheap")
async def cheap() -> None: ...


# different routers
@router.get("/groups/{group_id}")
async def read_group(group_id: str) -> None: ...


@admin.get("/groups/mine")
async def my_groups() -> None: ...


@shared_router.get("/groups/all")
async def all_groups() -> None: ...


# a later parameter route that the earlier does not fully cover
@router.get("/widgets/{widget_id:int}")
async def read_widget(widget_id: int) -> None: ...


@router.get("/widgets/{slug}")
async def read_widget_by_slug(slug: str) -> None: ...


# identical paths are duplicates, not shadowing by a parameter
@router.get("/dupes/{x}")
async def dupe_one(x: str) -> None: ...


@router.get("/dupes/{y}")
async def dupe_two(y: str) -> None: ...


# a converter Starlette does not know by default
@router.get("/dates/{day:date}")
async def by_date(day: str) -> None: ...


@router.get("/dates/today")
async def today() -> None: ...


# paths that are not literals
PREFIX = "/dyn"


@router.get(PREFIX + "/{x}")
async def dyn(x: str) -> None: ...


@router.get(PREFIX + "/fixed")
async def dyn_fixed() -> None: ...
