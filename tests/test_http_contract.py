

def test_xfa313_message_fits_the_parameter():
    from harness import messages

    source = (
        "from fastapi import APIRouter, Depends\n\n"
        "router = APIRouter()\n\n\n"
        "@router.get('/items', response_model=list)\n"
        "async def items(q, db=Depends(get_db)) -> list:\n"
        "    return []\n"
    )
    found = [m for _, _, m in messages(source, "app/routers/items.py") if m.startswith("XFA313")]
    assert found == [
        "XFA313 route parameter q has no type annotation, so FastAPI reads it as an untyped query parameter; annotate it (q: <type>)",
        "XFA313 route parameter db has no type annotation, so FastAPI cannot validate or document it; annotate it (db: <type>)",
    ]


def test_xfa309_advertises_the_fix_only_with_an_annotation_to_wrap():
    from harness import messages

    source = (
        "from fastapi import Depends, Query\n\n\n"
        "async def dep(limit: int = Query(10), db=Depends(get_db)):\n"
        "    return limit\n"
    )
    found = [m for _, _, m in messages(source, "app/deps.py") if m.startswith("XFA309")]
    assert len(found) == 2
    assert found[0].endswith("(fix: fastapi-conventions fix)")
    assert "fastapi-conventions fix" not in found[1]


def test_xfa304_names_the_first_route_that_shadows_and_the_common_methods():
    from harness import messages

    source = (
        "from fastapi import APIRouter\n\n"
        "router = APIRouter()\n\n\n"
        "@router.api_route('/docs/{name:path}', methods=['GET', 'POST', 'PUT'])\n"
        "async def any_doc(name: str) -> None: ...\n\n\n"
        "@router.api_route('/docs/{name}', methods=['GET', 'POST'])\n"
        "async def doc(name: str) -> None: ...\n\n\n"
        "@router.api_route('/docs/search', methods=['POST', 'DELETE', 'GET'])\n"
        "async def search(name: str) -> None: ...\n"
    )
    found = [(line, col, m) for line, col, m in messages(source, "app/routes/docs.py") if m.startswith("XFA304")]
    assert found == [
        (
            14,
            2,
            "XFA304 route POST/GET /docs/search is unreachable: POST/GET /docs/{name:path} (line 6) "
            "on the same router matches it first; register /docs/search before /docs/{name:path}",
        )
    ]
