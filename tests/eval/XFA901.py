# select: XFA901
def long_one(row: dict) -> int:  # error: XFA901:1 "long_one"
    """Docstring lines are not counted.

    """
    total = 0
    total += 0
    total += 1
    total += 2
    total += 3
    total += 4
    total += 5
    total += 6
    total += 7
    total += 8
    total += 9
    total += 10
    total += 11
    total += 12
    total += 13
    total += 14
    total += 15
    total += 16
    total += 17
    total += 18
    total += 19
    total += 20
    total += 21
    total += 22
    total += 23
    total += 24
    total += 25
    total += 26
    total += 27
    total += 28
    return total


def at_limit(row: dict) -> int:
    """Doc."""
    total = 0
    total += 0
    total += 1
    total += 2
    total += 3
    total += 4
    total += 5
    total += 6
    total += 7
    total += 8
    total += 9
    total += 10
    total += 11
    total += 12
    total += 13
    total += 14
    total += 15
    total += 16
    total += 17
    total += 18
    total += 19
    total += 20
    total += 21
    total += 22
    total += 23
    total += 24
    total += 25
    total += 26
    total += 27
    return total


class Service:
    async def method(self) -> None:  # error: XFA901:5
        x = 0
        x += 0
        x += 1
        x += 2
        x += 3
        x += 4
        x += 5
        x += 6
        x += 7
        x += 8
        x += 9
        x += 10
        x += 11
        x += 12
        x += 13
        x += 14
        x += 15
        x += 16
        x += 17
        x += 18
        x += 19
        x += 20
        x += 21
        x += 22
        x += 23
        x += 24
        x += 25
        x += 26
        x += 27
        x += 28
        x += 29


def only_docstring() -> None:
    """Nothing else."""

