# select: XFA905
# path: app/services/user_service.py
x = 1
