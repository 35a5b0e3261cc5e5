# error: XFA905:1
# select: XFA905
# path: app/user-admin.py
x = 1
