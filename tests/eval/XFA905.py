# error: XFA905:1
# select: XFA905
# path: app/services/UserService.py
x = 1
