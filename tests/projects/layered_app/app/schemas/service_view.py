from app.models.v1.service import ServiceRequest, ServiceResponse  # a models module named service.py
from app.models.v1.plan_service import PlanRequest  # error: XFA206:1


class ServiceView(ServiceResponse):
    request: ServiceRequest
    plan: PlanRequest
