# path: src/dispatch/incident/models.py
# A domain package called "service" (dispatch/service/): its models.py is a models
# module, not a services one.
from dispatch.service.models import ServiceRead
from dispatch.project.models import ProjectRead
