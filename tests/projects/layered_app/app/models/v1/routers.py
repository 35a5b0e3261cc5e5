from enum import Enum

from app.models.v1.base import ScopedRequest


class BalancerKind(str, Enum):
    """ "Router" as in a load balancer in front of replicas, not an APIRouter."""

    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"


class BalancerConfig(ScopedRequest):
    kind: BalancerKind = BalancerKind.ROUND_ROBIN


AnyBalancerConfig = BalancerConfig
