# select: XFA905
# path: app/user_admin/__init__.py
x = 1
