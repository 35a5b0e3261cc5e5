# path: app/routes/reports.py
# select: XFA301
from fastapi import APIRouter, Response, status

from app.schemas import ReportRead

router = APIRouter()


def render_csv(rows: list) -> Response:
    return Response(content="\n".join(rows), media_type="text/csv")


def render_rows(rows: list) -> list:
    return rows


# near-misses
@router.get("/reports/{report_id}", responses={200: {"model": ReportRead}, 404: {"description": "missing"}})
async def read_report(report_id: int):
    return await load(report_id)


@router.post("/reports", status_code=status.HTTP_201_CREATED, responses={201: {"model": ReportRead}})
async def create_report():
    return await store()


@router.get("/reports/{report_id}/csv")
async def report_csv(report_id: int):
    return render_csv(await rows_of(report_id))


@router.get("/reports/{report_id}/csv2")
async def report_csv_named(report_id: int):
    response = render_csv(await rows_of(report_id))
    return response


# still flagged
@router.get("/reports/{report_id}/raw", responses={404: {"model": ReportRead}})  # only an error body documented
async def report_raw(report_id: int):  # error: XFA301:1 "report_raw"
    return await load(report_id)


@router.get("/reports/{report_id}/rows", responses={200: {"description": "rows"}})  # no model
async def report_rows(report_id: int):  # error: XFA301:1
    return render_rows(await rows_of(report_id))
