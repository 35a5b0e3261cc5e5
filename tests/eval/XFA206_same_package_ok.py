# path: src/dispatch/feedback/service/models.py
# A domain package called "service": its models import their own package's modules,
# whose layer only comes from the directory name they share with this file.
from .enums import ServiceFeedbackRating
from dispatch.feedback.service.enums import Rating
from ..service.enums import Other
