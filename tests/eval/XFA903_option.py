# select: XFA903
# path: app/services/workflow_service.py
# options: fastapi-max-primitive-params=1
def two(a: str, b: int) -> None:  # error: XFA903:1 "two"
    ...


def one(a: str) -> None:
    ...
