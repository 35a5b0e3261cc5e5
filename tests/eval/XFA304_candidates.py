# path: app/routes/blobs.py
# Cases for the candidate index of XFA304: a route is compared only with the earlier
# routes whose segments can match it; these pin the edges of that narrowing.
from fastapi import APIRouter

router = APIRouter()


@router.get("/blobs/{key:path}")
async def read_blob(key: str) -> None: ...


# a {x:path} tail takes a literal anywhere after it
@router.get("/blobs/{bucket}/latest")  # error: XFA304:2 "/blobs/{bucket}/latest"
async def latest_blob(bucket: str) -> None: ...


@router.get("/blobs/a/b/c/d")  # error: XFA304:2
async def deep_blob() -> None: ...


# near-misses: nothing literal after the tail, or text mixed with a parameter there
@router.get("/blobs/{bucket}/{name}")
async def blob_by_name(bucket: str, name: str) -> None: ...


@router.get("/blobs/{bucket}/{name}.json")
async def blob_json(bucket: str, name: str) -> None: ...


# a float convertor takes a decimal literal, an int convertor a number in a later path
@router.get("/prices/{amount:float}")
async def price(amount: float) -> None: ...


@router.get("/prices/1.5")  # error: XFA304:2
async def price_one_and_a_half() -> None: ...


@router.get("/prices/{cents:int}")  # a parameter it covers is not a literal taken
async def price_in_cents(cents: int) -> None: ...


# a parameter after a literal taken still has to cover the later parameter
@router.get("/shelves/{shelf}/{slot:int}")
async def slot(shelf: str, slot: int) -> None: ...


@router.get("/shelves/top/{slot_id:int}")  # error: XFA304:2
async def top_slot(slot_id: int) -> None: ...


@router.get("/shelves/bottom/{label}")  # a str is not covered by an int
async def bottom_slot(label: str) -> None: ...


# stacked decorators of one handler do not shadow each other
@router.get("/labels/mine")
@router.get("/labels/{label_id}")
async def labels(label_id: str = "mine") -> None: ...


# api_route methods: only the common ones count
@router.api_route("/forms/{form_id}", methods=["PUT", "PATCH"])
async def write_form(form_id: str) -> None: ...


@router.get("/forms/draft")
async def draft_form() -> None: ...


@router.api_route("/forms/new", methods=["GET", "PATCH"])  # error: XFA304:2
async def new_form() -> None: ...


# a trailing slash is an empty segment no parameter takes
@router.get("/notes/{note_id}")
async def note(note_id: str) -> None: ...


@router.get("/notes/")
async def notes() -> None: ...
