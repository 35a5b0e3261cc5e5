from decimal import Decimal
from typing import Annotated, Optional

import sqlalchemy as sa
from fastapi import APIRouter, Query
from pydantic import BaseModel, condecimal
from sqlalchemy import Column, Float, Integer, Numeric
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlmodel import Field, SQLModel

router = APIRouter()


class Order(BaseModel):
    total: float  # error: XFA408:5 "total"
    unit_price: Optional[float] = None  # error: XFA408:5
    shipping_fee: float | None = None  # error: XFA408:5
    Amount: Annotated[float, "money"]  # error: XFA408:5


class Product(SQLModel, table=True):
    price: float = Field(default=0)  # error: XFA408:5


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    balance: Mapped[float]  # error: XFA408:5
    credit_balance: Mapped[Optional[float]] = mapped_column(Float)  # error: XFA408:5
    salary = Column(Float)  # error: XFA408:5
    fee = Column("fee", sa.Float(precision=2))  # error: XFA408:5
    total_cost: Mapped[Decimal] = mapped_column(Float)  # error: XFA408:5


@router.get("/quote")
async def quote(amount: float, max_price: Annotated[float, Query()] = 10.0):  # error: XFA408:17, XFA408:32
    return {}


# near misses


class Fine(BaseModel):
    total: Decimal
    price: condecimal(max_digits=10, decimal_places=2)
    amount_cents: int
    price_ratio: float
    total_count: int
    cost: int


class GatewayStats(BaseModel):
    requests: int
    request_time_total: float  # seconds, not money
    upload_bytes_total: float
    order_total: float  # error: XFA408:5 "order_total"
    refund_amount: float  # error: XFA408:5


class CompletionUsage(BaseModel):
    # an LLM call's estimated cost beside its token counts: a telemetry metric
    prompt_tokens: int
    completion_tokens: int
    cost: float


class StepMetrics(BaseModel):
    latency: float
    total_cost: Optional[float] = None


class UsageRow(Base):
    __tablename__ = "usage_rows"
    total_tokens = Column(Integer)
    cost = Column(Float)


class FineColumns(Base):
    __tablename__ = "fine"
    balance: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    price: Mapped[float] = mapped_column(Numeric(12, 2, asdecimal=False))
    amount = Column(Numeric(10, 2))
    fee = Column(Integer)
    score = Column(Float)


class PlainClass:
    price: float = 0.0


def not_a_route(amount: float) -> float:
    return amount


@router.get("/items")
async def items(price: Decimal, total: int = 0):
    return {}


# seventh reading: usage records, statistics, UI quantities and documented estimates


class StepRecord(BaseModel):
    # an LLM step's cost beside its token counts (``*_token_count``): a per-token estimate
    input_token_count: int = 0
    output_token_count: int = 0
    step_cost: float = 0


class RunRecord(BaseModel):
    # compute cost tracking beside a measured duration
    vcpu_millicores: int | None = None
    duration_ms: int | None = None
    compute_cost: float | None = None
    proxy_cost: float | None = None


class ProviderCosts(BaseModel):
    llm_cost: float | None = None


class LLMCost(BaseModel):
    provider_name: str
    model_name: str
    cost: float


class NumericAggregate(BaseModel):
    # sum/count/min/max of a spreadsheet column
    total: float
    count: int
    minimum: float
    maximum: float


class ScrollAction(BaseModel):
    x: Optional[float] = None
    scroll_amount: Optional[float] = 2.0


class RunResponse(BaseModel):
    total_steps: int | None = None
    total_cost: float | None = Field(
        default=None,
        description="Estimated run cost as the list-price value of credits consumed, not the amount invoiced.",
    )


class Charge(BaseModel):
    # a tokenised card is not a token count: still money
    card_token: str
    amount: float  # error: XFA408:5 "amount"


class Plan(BaseModel):
    duration_days: int
    price: float  # error: XFA408:5


class OrderStats(BaseModel):
    count: int
    total: float  # error: XFA408:5


class Invoice(BaseModel):
    total_cost: float = Field(description="The amount charged to the customer")  # error: XFA408:5
