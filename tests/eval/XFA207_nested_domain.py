# path: src/dispatch/case/priority/service.py
from ..models import Case  # the parent domain's models module
from ...case import service as case_service  # the parent domain
from ...incident import service as incident_service  # error: XFA207:1 "incident"
