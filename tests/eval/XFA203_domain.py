# path: src/orders/router.py
from fastapi import APIRouter
from sqlalchemy.orm import Session

router = APIRouter()


@router.get("/orders/{order_id}")
def get_order(order_id: int, db: Session):
    return db.get(Order, order_id)  # error: XFA203:12 "db.get"


@router.delete("/orders/{order_id}")
def delete_order(order_id: int, db: Session):
    order = db.get(Order, order_id)  # error: XFA203:13
    db.delete(order)  # error: XFA203:5
    db.commit()  # error: XFA203:5


@router.get("/livez")
def live(db: Session):
    db.execute("SELECT 1")
