from app.models.v1.base import ScopedRequest


class PlanRequest(ScopedRequest):
    plan: str


def monthly_price(request: PlanRequest) -> int:
    return 10 if request.plan == "basic" else 20
