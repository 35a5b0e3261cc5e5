# select: XFA905
# path: stdin
x = 1
