# select: XFA901
# options: fastapi-max-function-length=5
def six(row: dict) -> int:  # error: XFA901:1 "six"
    row[0] = 0
    row[1] = 1
    row[2] = 2
    row[3] = 3
    row[4] = 4
    return 0


def five(row: dict) -> int:
    row[0] = 0
    row[1] = 1
    row[2] = 2
    row[3] = 3
    return 0
