from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class PromptRow(Base):
    __tablename__ = "prompts"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]

    class Config:
        orm_mode = True

    def dict(self) -> dict:
        return {"id": self.id, "text": self.text}
