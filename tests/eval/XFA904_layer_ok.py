# select: XFA904
# path: app/utils/helpers.py
def helper(x, y):
    return x
