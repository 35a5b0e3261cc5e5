from app.models.v1.routers import AnyBalancerConfig, BalancerKind  # models of a load balancer
from app.models.v1.router import mount_all  # error: XFA206:1


def pick(config: AnyBalancerConfig) -> BalancerKind:
    mount_all(None, [])
    return config.kind
