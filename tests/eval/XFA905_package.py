# error: XFA905:1
# select: XFA905
# path: app/UserAdmin/__init__.py
x = 1
