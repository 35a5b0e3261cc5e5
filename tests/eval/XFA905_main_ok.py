# select: XFA905
# path: app/__main__.py
x = 1
